import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Calls that write to GitHub: a REST method that changes something
 * (`octokit.rest.issues.update`), a raw write request (`octokit.request("PATCH …")`)
 * or a GraphQL mutation. Each is allowed only in `src/github/executor/`.
 */
const WRITE_VERBS = "^(create|update|delete|add|remove|set|merge|replace|lock|unlock|dismiss|submit|enable|disable|transfer|rerequest|move|upload|mark|cancel|approve|block|unblock|follow|unfollow|star|unstar|check|reprioritize)";
const GITHUB_WRITES = [
  {
    selector: `CallExpression[callee.object.object.property.name='rest'][callee.property.name=/${WRITE_VERBS}/]`,
    message: "Writes to GitHub go through the executor (src/github/executor/): return an Action and apply it with applyActions.",
  },
  {
    selector: "CallExpression[callee.property.name='request'] > Literal:first-child[value=/^(POST|PUT|PATCH|DELETE) /]",
    message: "Writes to GitHub go through the executor (src/github/executor/): return an Action and apply it with applyActions.",
  },
  {
    selector: "TemplateElement[value.raw=/^\\s*mutation\\b/]",
    message: "GraphQL mutations go through the executor (src/github/executor/): return an Action and apply it with applyActions.",
  },
];

const SANDBOX = { group: ["@factory/sandbox", "**/sandbox/*"], message: "App code never imports the sandbox: it is the tests' and the demo's GitHub." };

export default tseslint.config(
  { ignores: ["lib/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The bin shim and `npm start`'s build step are plain JavaScript run by Node.
    files: ["bin/**/*.js", "scripts/**/*.mjs"],
    languageOptions: { globals: { URL: "readonly", process: "readonly" } },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // One write path: only the executor writes to GitHub. Plans return actions; flows hand them to runFlow.
    // (The sandbox, packages/sandbox/, is GitHub itself and lies outside src/, as does the demo.)
    files: ["src/**/*.ts"],
    ignores: ["src/github/executor/**"],
    rules: { "no-restricted-syntax": ["error", ...GITHUB_WRITES] },
  },
  {
    // The sandbox is the tests' and the demo's GitHub; the app never sees it.
    files: ["src/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [SANDBOX] }] },
  },
  {
    // Flows reach the executor through runFlow only: observe, plan actions, hand them over.
    files: ["src/**/*.ts"],
    ignores: ["src/github/executor/**", "src/stages/run-flow.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [SANDBOX, { group: ["**/executor/*"], message: "Hand actions to runFlow (src/stages/run-flow.ts); only it calls the executor." }] }] },
  },
);
