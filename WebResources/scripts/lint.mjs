// Runs eslint over the TypeScript sources and the built bundles; one test per linted file.
// Writes out/lint.json = { passed, failed } and exits non-zero on any problem.
import { ESLint } from "eslint";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const eslint = new ESLint({ cwd: root });
const results = await eslint.lintFiles(["src/**/*.ts", "dist/**/*.js"]);
let passed = 0;
let failed = 0;
for (const r of results) {
  const bad = r.errorCount + r.warningCount > 0;
  if (bad) {
    failed += 1;
  } else {
    passed += 1;
  }
  process.stdout.write(`${bad ? "FAIL" : "ok  "} lint ${relative(root, r.filePath)}\n`);
}
const formatter = await eslint.loadFormatter("stylish");
const text = await formatter.format(results);
if (text) {
  process.stdout.write(text + "\n");
}
await mkdir(join(root, "out"), { recursive: true });
await writeFile(join(root, "out", "lint.json"), JSON.stringify({ passed, failed }) + "\n");
process.stdout.write(`lint: ${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
