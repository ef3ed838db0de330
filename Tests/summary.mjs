// Totals of every test suite for test.sh: the .NET results (TRX files) and the web resources' summary.
// Usage: node Tests/summary.mjs <trx folder> <web summary json>
// Prints the counts per suite, names every skipped (inconclusive or not executed) test, and ends with
// "tests: N passed, M failed". A skip counts as a failure unless Tests/allowed-skips.txt lists the test with
// the reason it may skip; the exit code is 1 when anything failed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [trxFolder, webSummary] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));

/** Test names from allowed-skips.txt: one per line, "#" starts a comment (the reason). */
function allowedSkips() {
  const file = join(here, "allowed-skips.txt");
  if (!existsSync(file)) {
    return new Set();
  }

  return new Set(
    readFileSync(file, "utf8")
      .split("\n")
      .map((line) => line.replace(/#.*/, "").trim())
      .filter((line) => line.length > 0),
  );
}

function attribute(tag, name) {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? match[1] : "";
}

const unescape = (text) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

let passed = 0;
let failed = 0;
const skipped = [];
const lines = [];

if (webSummary && existsSync(webSummary)) {
  const web = JSON.parse(readFileSync(webSummary, "utf8"));
  passed += web.passed;
  failed += web.failed;
  for (const name of web.skippedNames ?? []) {
    skipped.push({ suite: "web", name });
  }
  lines.push(`web resources: ${web.passed} passed, ${web.failed} failed, ${(web.skippedNames ?? []).length} skipped`);
} else {
  lines.push("web resources: no summary (the suites did not run)");
  failed += 1;
}

const trxFiles = trxFolder && existsSync(trxFolder) ? readdirSync(trxFolder).filter((f) => f.endsWith(".trx")).sort() : [];
for (const file of trxFiles) {
  const text = readFileSync(join(trxFolder, file), "utf8");
  const storage = /<UnitTest [^>]*storage="([^"]*)"/.exec(text);
  const suite = storage ? basename(storage[1]).replace(/\.dll$/i, "") : file;
  let p = 0;
  let f = 0;
  let s = 0;
  for (const [tag] of text.matchAll(/<UnitTestResult [^>]*>/g)) {
    const outcome = attribute(tag, "outcome");
    const name = unescape(attribute(tag, "testName"));
    if (outcome === "Passed") {
      p += 1;
    } else if (["Failed", "Error", "Timeout", "Aborted"].includes(outcome)) {
      f += 1;
    } else {
      s += 1;
      skipped.push({ suite, name });
    }
  }
  passed += p;
  failed += f;
  lines.push(`${suite}: ${p} passed, ${f} failed, ${s} skipped`);
}

const allowed = allowedSkips();
let unexpected = 0;
for (const { suite, name } of skipped) {
  const ok = allowed.has(name);
  if (!ok) {
    unexpected += 1;
  }
  lines.push(`  skipped ${ok ? "(allowed)" : "(NOT ALLOWED)"}: ${suite} ${name}`);
}

failed += unexpected;
process.stdout.write(`${lines.join("\n")}\nskipped: ${skipped.length} (${unexpected} not on Tests/allowed-skips.txt)\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
