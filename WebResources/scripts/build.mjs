// Builds dist/apx_/...: bundles each entry with esbuild, lowers the bundle to ES2018 with the TypeScript
// compiler (its lowering keeps strict equality, which the Power Apps checker requires), then minifies with
// terser, which never names an identifier "$": the Power Apps checker reads a call of "$" as jQuery DOM access
// (avoid-dom-form). HTML and CSS are copied as they are.
import { build } from "esbuild";
import { minify } from "terser";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist", "apx_");

const entries = [
  { entry: "src/form/index.ts", out: "scripts/accountplan.form.js", globalName: "AccountPlanXrm.Form" },
  { entry: "src/panel/planhealth.ts", out: "scripts/planhealth.js" },
  { entry: "src/report/reviewreport.ts", out: "scripts/reviewreport.js" },
  { entry: "src/cockpit/portfolio.ts", out: "scripts/portfolio.js" },
];
const copies = [
  { from: "src/html/planhealth.html", out: "html/planhealth.html" },
  { from: "src/html/reviewreport.html", out: "html/reviewreport.html" },
  { from: "src/html/portfolio.html", out: "html/portfolio.html" },
  { from: "src/styles/apx.css", out: "styles/apx.css" },
];

async function bundle({ entry, out, globalName }) {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    format: "iife",
    globalName,
    platform: "browser",
    target: "esnext",
    drop: ["console", "debugger"],
    define: { "process.env.NODE_ENV": '"production"' },
    legalComments: "eof",
    charset: "ascii",
    logLevel: "silent",
  });
  const bundled = result.outputFiles[0].text;
  const lowered = ts.transpileModule(bundled, {
    compilerOptions: { target: ts.ScriptTarget.ES2018, module: ts.ModuleKind.None, removeComments: false, importHelpers: false },
    reportDiagnostics: false,
  }).outputText;
  const minified = await minify(lowered, {
    ecma: 2018,
    compress: false,
    mangle: { reserved: ["$"] },
    format: { ascii_only: true, comments: "some" },
  });
  const code = `"use strict";\n${minified.code.replace(/^"use strict";\s*/, "")}`;
  const file = join(dist, out);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, code);
  return { out, bytes: Buffer.byteLength(code) };
}

await rm(join(root, "dist"), { recursive: true, force: true });
const built = [];
for (const e of entries) {
  built.push(await bundle(e));
}
for (const c of copies) {
  const file = join(dist, c.out);
  await mkdir(dirname(file), { recursive: true });
  await copyFile(join(root, c.from), file);
  built.push({ out: c.out });
}
for (const b of built) {
  process.stdout.write(`dist/apx_/${b.out}${b.bytes ? ` (${Math.round(b.bytes / 1024)} KiB)` : ""}\n`);
}
