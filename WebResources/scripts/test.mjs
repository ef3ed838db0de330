// The web resources' test command: build, type check, lint, unit and browser tests.
// Writes out/test-summary.json = { passed, failed, skippedNames }: one test per linted file, one for the type
// check, plus every vitest test (unit and browser); skippedNames lists the vitest tests that were skipped or left
// to do. Exits non-zero on any failure.
// With --update-docs the browser tests also copy their screenshots to ../docs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "out");
mkdirSync(out, { recursive: true });
const summaryFile = join(out, "test-summary.json");
rmSync(summaryFile, { force: true });

let passed = 0;
let failed = 0;
const skippedNames = [];
const env = { ...process.env };
if (process.argv.includes("--update-docs")) {
  env.APX_UPDATE_DOCS = "1";
}

function run(label, command, args) {
  process.stdout.write(`\n== ${label}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  return result.status === 0;
}

const bin = (name) => join(root, "node_modules", ".bin", name);

if (!run("build", process.execPath, [join(root, "scripts", "build.mjs")])) {
  failed += 1;
} else {
  if (run("type check", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"])) {
    passed += 1;
  } else {
    failed += 1;
  }

  rmSync(join(out, "lint.json"), { force: true });
  run("lint", process.execPath, [join(root, "scripts", "lint.mjs")]);
  if (existsSync(join(out, "lint.json"))) {
    const lint = JSON.parse(readFileSync(join(out, "lint.json"), "utf8"));
    passed += lint.passed;
    failed += lint.failed;
  } else {
    failed += 1;
  }

  const vitestJson = join(out, "vitest.json");
  rmSync(vitestJson, { force: true });
  const ok = run("unit and browser tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
  if (existsSync(vitestJson)) {
    const v = JSON.parse(readFileSync(vitestJson, "utf8"));
    passed += v.numPassedTests;
    failed += v.numFailedTests;
    for (const file of v.testResults ?? []) {
      for (const test of file.assertionResults ?? []) {
        if (["pending", "skipped", "todo"].includes(test.status)) {
          skippedNames.push(test.fullName ?? test.title);
        }
      }
    }
    if (!ok && v.numFailedTests === 0) {
      failed += 1; // a suite failed outside any test (import error, hook failure)
    }
  } else {
    failed += 1;
  }
}

writeFileSync(summaryFile, JSON.stringify({ passed, failed, skippedNames }) + "\n");
process.stdout.write(`\nweb resources: ${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
