// Microsoft's Power Apps checker rules (@microsoft/eslint-plugin-power-apps, the rules the solution checker runs on
// web resources) on the TypeScript sources and on the shipped bundles, every rule as an error. The plug-in targets
// ESLint 9; @eslint/compat's fixupPluginRules supplies the context methods ESLint 10 removed. Kept beside it are
// only the checker's web rules the plug-in lacks: web-avoid-eval, web-remove-alert, web-remove-console,
// web-use-strict-equality-operators, web-use-strict-mode, web-sdl-no-inner-html, web-sdl-no-document-write,
// web-sdl-no-cookies, web-sdl-no-document-domain, web-sdl-no-insecure-url, web-sdl-no-msapp-exec-unsafe and
// web-sdl-no-postmessage-star-origin. The bundles in dist/ are parsed as ES2018 scripts, so newer syntax
// (web-unsupported-syntax) fails the lint.
import { fixupPluginRules } from "@eslint/compat";
import js from "@eslint/js";
import powerApps from "@microsoft/eslint-plugin-power-apps";
import globals from "globals";
import tseslint from "typescript-eslint";

const powerAppsPlugin = { "@microsoft/power-apps": fixupPluginRules(powerApps) };
const powerAppsRules = Object.fromEntries(Object.keys(powerApps.configs.paCheckerHosted.rules).map((rule) => [rule, "error"]));

const restrictedProperties = [
  { object: "document", property: "write", message: "web-sdl-no-document-write" },
  { object: "document", property: "writeln", message: "web-sdl-no-document-write" },
  { object: "document", property: "domain", message: "web-sdl-no-document-domain" },
  { object: "document", property: "cookie", message: "web-sdl-no-cookies" },
  { property: "innerHTML", message: "web-sdl-no-inner-html: build DOM with textContent." },
  { property: "outerHTML", message: "web-sdl-no-inner-html: build DOM with textContent." },
  { property: "insertAdjacentHTML", message: "web-sdl-no-inner-html: build DOM with textContent." },
  { property: "execUnsafeLocalFunction", message: "web-sdl-no-msapp-exec-unsafe" },
];

const restrictedSyntax = [
  { selector: "Literal[value=/^(http|ftp):\\/\\//i]", message: "web-sdl-no-insecure-url: use https or a relative URL." },
  { selector: "TemplateElement[value.raw=/^(http|ftp):\\/\\//i]", message: "web-sdl-no-insecure-url: use https or a relative URL." },
  { selector: "CallExpression[callee.property.name='postMessage'][arguments.1.value='*']", message: "web-sdl-no-postmessage-star-origin" },
];

const checkerRules = {
  ...powerAppsRules,
  "no-eval": "error",
  "no-implied-eval": "error",
  "no-new-func": "error",
  "no-alert": "error",
  "no-console": "error",
  "no-debugger": "error",
  "no-with": "error",
  "no-script-url": "error",
  eqeqeq: ["error", "always"],
  "no-restricted-globals": ["error", "alert", "confirm", "prompt", "event"],
  "no-restricted-properties": ["error", ...restrictedProperties],
};

export default [
  { ignores: ["node_modules/**", "out/**"] },
  {
    files: ["src/**/*.ts"],
    ...js.configs.recommended,
  },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ["src/**/*.ts"] })),
  {
    files: ["src/**/*.ts"],
    plugins: powerAppsPlugin,
    languageOptions: {
      globals: { ...globals.browser, Xrm: "readonly" },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...checkerRules,
      "no-restricted-syntax": ["error", ...restrictedSyntax],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    files: ["dist/**/*.js"],
    plugins: powerAppsPlugin,
    languageOptions: {
      ecmaVersion: 2018,
      sourceType: "script",
      globals: { ...globals.browser, Xrm: "readonly", AccountPlanXrm: "writable" },
    },
    linterOptions: { reportUnusedDisableDirectives: "off", noInlineConfig: true },
    rules: {
      ...checkerRules,
      "no-restricted-globals": ["error", "alert", "confirm", "prompt"],
      "no-restricted-syntax": ["error", ...restrictedSyntax],
      strict: ["error", "global"],
    },
  },
];
