// Proves that the lint configuration catches what the Power Apps checker reports for web resources: Microsoft's
// checker rules (@microsoft/power-apps/*) and the web rules kept beside them.
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}dist/apx_/scripts/probe.js` });
  return result.messages.map((m) => m.ruleId || (m.fatal ? "parse" : "unknown"));
}

describe("checker-equivalent lint rules on bundles", () => {
  it("lint_CleanStrictScript_NoProblems", async () => {
    expect(await problems('"use strict";\nvar a = 1;\nif (a === 1) { a = 2; }\n')).toEqual([]);
  });

  it.each([
    ["web-unsupported-syntax (optional chaining, ES2020)", '"use strict";\nvar a = {}; var b = a?.b;\n', "parse"],
    ["web-unsupported-syntax (nullish coalescing, ES2020)", '"use strict";\nvar a = null; var b = a ?? 1;\n', "parse"],
    ["web-use-strict-mode", "var a = 1;\n", "strict"],
    ["web-use-strict-equality-operators", '"use strict";\nvar a = 1; var b = a == 2;\n', "eqeqeq"],
    ["web-avoid-eval", '"use strict";\neval("1");\n', "no-eval"],
    ["web-avoid-eval (new Function)", '"use strict";\nvar f = new Function("return 1");\n', "no-new-func"],
    ["web-remove-alert", '"use strict";\nalert("x");\n', "no-alert"],
    ["web-remove-console", '"use strict";\nconsole.log("x");\n', "no-console"],
    ["web-avoid-2011-api (Xrm.Page)", '"use strict";\nXrm.Page.getAttribute("name");\n', "@microsoft/power-apps/use-client-context"],
    ["web-avoid-window-top", '"use strict";\nvar t = window.top;\n', "@microsoft/power-apps/avoid-window-top"],
    ["web-avoid-dom-form (jQuery-style $ in a form script)", '"use strict";\nvar ctx = Xrm.Utility.getGlobalContext();\nvar a = $("#header_statuscode");\n', "@microsoft/power-apps/avoid-dom-form"],
    ["web-avoid-modals", '"use strict";\nwindow.showModalDialog("/x");\n', "@microsoft/power-apps/avoid-modals"],
    ["web-sdl-no-insecure-url", '"use strict";\nfetch("http://contoso.example/x");\n', "no-restricted-syntax"],
    ["web-sdl-no-inner-html", '"use strict";\ndocument.body.innerHTML = "<b>x</b>";\n', "no-restricted-properties"],
    ["web-sdl-no-document-write", '"use strict";\ndocument.write("x");\n', "no-restricted-properties"],
    ["web-sdl-no-cookies", '"use strict";\nvar c = document.cookie;\n', "no-restricted-properties"],
    ["web-use-relative-uri", '"use strict";\nfetch("https://contoso.crm4.dynamics.com/api/data/v9.2/accounts");\n', "@microsoft/power-apps/use-relative-uri"],
    ["web-avoid-crm2011-service-odata", '"use strict";\nfetch("/XRMServices/2011/OrganizationData.svc");\n', "@microsoft/power-apps/avoid-crm2011-service-odata"],
  ])("lint_%s_Reported", async (_rule, code, expected) => {
    expect(await problems(code)).toContain(expected);
  });
});
