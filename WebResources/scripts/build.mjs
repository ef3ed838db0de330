// Builds dist/apx_/...: bundles each entry with esbuild, lowers the bundle to ES2018 with the TypeScript
// compiler (its lowering keeps strict equality, which the Power Apps checker requires), then minifies with
// terser, which never names an identifier "$": the Power Apps checker reads a call of "$" as jQuery DOM access
// (avoid-dom-form). HTML and CSS are copied as they are. Chart.js ships once, as apx_/scripts/chart.js (global
// AccountPlanXrm.ChartLib); the panel and report import it as "./chartlib", which their bundles read from that global.
import { build } from "esbuild";
import { minify } from "terser";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist", "apx_");

const CHART_GLOBAL = "AccountPlanXrm.ChartLib"; // read back as (self.AccountPlanXrm || {}).ChartLib
const entries = [
  { entry: "src/form/index.ts", out: "scripts/accountplan.form.js", globalName: "AccountPlanXrm.Form" },
  { entry: "src/shared/chartlib.ts", out: "scripts/chart.js", globalName: CHART_GLOBAL },
  { entry: "src/panel/planhealth.ts", out: "scripts/planhealth.js", sharedChart: true },
  { entry: "src/report/reviewreport.ts", out: "scripts/reviewreport.js", sharedChart: true },
  { entry: "src/cockpit/portfolio.ts", out: "scripts/portfolio.js" },
];
const copies = [
  { from: "src/html/planhealth.html", out: "html/planhealth.html" },
  { from: "src/html/reviewreport.html", out: "html/reviewreport.html" },
  { from: "src/html/portfolio.html", out: "html/portfolio.html" },
  { from: "src/styles/apx.css", out: "styles/apx.css" },
];

// In the page bundles, the shared library (an import of "./chartlib") resolves to its global (a page loads
// apx_/scripts/chart.js first); a value import straight from "chart.js" would bundle a second copy and fails the build
// (type-only imports are erased before resolution).
const sharedChartPlugin = {
  name: "shared-chart",
  setup(b) {
    b.onResolve({ filter: /\/chartlib$/ }, () => ({ path: "chartlib", namespace: "shared-chart" }));
    b.onResolve({ filter: /^chart\.js$/ }, (args) => ({
      errors: [{ text: `${args.importer} imports from "chart.js": import from "./chartlib" (the shared apx_/scripts/chart.js)` }],
    }));
    // An ES module re-exporting the global's members (no CommonJS interop helpers in the page bundles).
    b.onLoad({ filter: /.*/, namespace: "shared-chart" }, async () => ({
      contents:
        `const lib = (self.AccountPlanXrm || {}).ChartLib;\n` +
        `if (!lib) { throw new Error("apx_/scripts/chart.js must load before this script"); }\n` +
        [...(await chartLibExports())].map((n) => `export const ${n} = lib.${n};`).join("\n"),
      loader: "js",
    }));
  },
};

/** The members src/shared/chartlib.ts re-exports from "chart.js". */
async function chartLibExports() {
  const lib = await readFile(join(root, "src/shared/chartlib.ts"), "utf8");
  const block = /export\s*\{([^}]*)\}\s*from\s*"chart\.js"/.exec(lib);
  return new Set((block ? block[1] : "").split(",").map((p) => p.trim()).filter(Boolean));
}

async function bundle({ entry, out, globalName, sharedChart }) {
  const result = await build({
    plugins: sharedChart ? [sharedChartPlugin] : [],
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
