// Lint rules that mirror the Power Apps checker's web rules (web-avoid-eval, web-remove-alert,
// web-remove-console, web-use-strict-equality-operators, web-use-strict-mode, web-avoid-2011-api,
// web-avoid-window-top, web-sdl-no-inner-html, web-sdl-no-document-write, web-sdl-no-cookies,
// web-sdl-no-document-domain, web-use-relative-uri, web-sdl-no-insecure-url, web-avoid-crm2011-service-*,
// web-sdl-no-postmessage-star-origin, web-avoid-modals). Sources are linted as TypeScript; the bundles
// in dist/ are parsed as ES2018 scripts, so newer syntax (web-unsupported-syntax) fails the lint.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const restrictedProperties = [
  { object: "Xrm", property: "Page", message: "Xrm.Page is deprecated: use executionContext.getFormContext() (web-avoid-2011-api)." },
  { object: "window", property: "top", message: "Avoid window.top (web-avoid-window-top)." },
  { object: "document", property: "write", message: "web-sdl-no-document-write" },
  { object: "document", property: "writeln", message: "web-sdl-no-document-write" },
  { object: "document", property: "domain", message: "web-sdl-no-document-domain" },
  { object: "document", property: "cookie", message: "web-sdl-no-cookies" },
  { object: "window", property: "showModalDialog", message: "web-avoid-modals" },
  { object: "Xrm", property: "Panel", message: "web-use-appsidepane-api" },
  { property: "innerHTML", message: "web-sdl-no-inner-html: build DOM with textContent." },
  { property: "outerHTML", message: "web-sdl-no-inner-html: build DOM with textContent." },
  { property: "insertAdjacentHTML", message: "web-sdl-no-inner-html: build DOM with textContent." },
  { property: "execUnsafeLocalFunction", message: "web-sdl-no-msapp-exec-unsafe" },
  { property: "refreshRibbon", message: "web-avoid-ui-refreshribbon" },
  { property: "isActivityType", message: "web-avoid-isActivityType" },
];

const restrictedSyntax = [
  { selector: "Literal[value=/^(https?|ftp):\\/\\//i]", message: "Use relative URLs (web-use-relative-uri, web-sdl-no-insecure-url)." },
  { selector: "TemplateElement[value.raw=/^(https?|ftp):\\/\\//i]", message: "Use relative URLs (web-use-relative-uri, web-sdl-no-insecure-url)." },
  { selector: "Literal[value=/XRMServices\\/2011|OrganizationData\\.svc/i]", message: "web-avoid-crm2011-service-soap / -odata" },
  { selector: "CallExpression[callee.property.name='postMessage'][arguments.1.value='*']", message: "web-sdl-no-postmessage-star-origin" },
  { selector: "NewExpression[callee.name='XMLHttpRequest']", message: "Use Xrm.WebApi or fetch (web-use-async)." },
];

const checkerRules = {
  "no-eval": "error",
  "no-implied-eval": "error",
  "no-new-func": "error",
  "no-alert": "error",
  "no-console": "error",
  "no-debugger": "error",
  "no-with": "error",
  "no-script-url": "error",
  eqeqeq: ["error", "always"],
  "no-restricted-globals": ["error", "alert", "confirm", "prompt", "showModalDialog", "event"],
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
    languageOptions: {
      ecmaVersion: 2018,
      sourceType: "script",
      globals: { ...globals.browser, Xrm: "readonly", AccountPlanXrm: "writable" },
    },
    linterOptions: { reportUnusedDisableDirectives: "off", noInlineConfig: true },
    rules: {
      ...checkerRules,
      "no-restricted-globals": ["error", "alert", "confirm", "prompt", "showModalDialog"],
      "no-restricted-syntax": ["error", ...restrictedSyntax],
      strict: ["error", "global"],
    },
  },
];
