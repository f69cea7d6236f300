import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The shape the code must keep, checked from its text so anyone can rerun it:
 * every write to GitHub is in the executor, and app code never imports the
 * sandbox. ESLint (eslint.config.js) refuses the same writes as they are typed.
 */

const ROOT = new URL("..", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

const APP = sources("src");

/** Each GitHub write in `file`, as `path:line  call`. */
function writesIn(file: string): string[] {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
  const found: string[] = [];
  lines.forEach((line, index) => {
    const rest = /\.rest\.(\w+)\.((?:create|update|delete|add|remove|set|merge|replace|lock|unlock|dismiss|submit|enable|disable|transfer|rerequest|move|mark|cancel)\w*)\(/.exec(line);
    const raw = /\.request\(\s*["'`](POST|PUT|PATCH|DELETE) ([^"'`]+)/.exec(line);
    const mutation = /(?:^|["'`])\s*mutation (\w+)\s*[({]/.exec(line);
    const call = rest ? `rest.${rest[1]}.${rest[2]}` : raw ? `${raw[1]} ${raw[2]}` : mutation ? `mutation ${mutation[1]}` : undefined;
    if (call) found.push(`${file}:${index + 1}  ${call}`);
  });
  return found;
}

describe("one write path", () => {
  const writes = APP.flatMap(writesIn);

  it("finds the writes it looks for (the scan itself works)", () => {
    const calls = writes.map((w) => w.split("  ")[1]);
    for (const expected of ["rest.issues.create", "rest.issues.createComment", "rest.pulls.merge", "rest.repos.createOrUpdateFileContents", "mutation FactoryAutoMerge", "mutation FactoryAssign"]) {
      expect(calls).toContain(expected);
    }
  });

  it("has every GitHub write call site in src/github/executor/", () => {
    if (process.env.LIST_WRITES) console.log(writes.join("\n"));
    expect(writes.filter((write) => !write.startsWith("src/github/executor/"))).toEqual([]);
  });

  it("lets only runFlow reach the executor: every flow observes, plans actions, and hands them to runFlow", () => {
    const importers = APP.filter((file) => !file.startsWith("src/github/executor/")).flatMap((file) => {
      const text = readFileSync(join(ROOT, file), "utf8");
      return [...text.matchAll(/from "([^"]*executor\/([\w-]+)\.js)"/g)].map((m) => `${file} → ${m[2]}`);
    });
    expect(importers).toEqual(["src/stages/run-flow.ts → apply-actions"]);
    // The flows there are do go through it.
    const flows = APP.filter((file) => /from "[^"]*run-flow\.js"/.test(readFileSync(join(ROOT, file), "utf8")));
    expect(flows.length).toBeGreaterThanOrEqual(12);
  });
});

/** The top folder under src/ each relative import of `file` reaches, as `path → folder`. */
function layersReachedFrom(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(/from "(\.{1,2}\/[^"]+)"/g)].map((m) => `${file} → ${join(file, "..", m[1]!).split("/")[1]}`);
}

describe("layers", () => {
  it("keeps the domain and GitHub's plumbing free of the stages: model/ and github/ never climb into stages/", () => {
    const lower = APP.filter((file) => file.startsWith("src/model/") || file.startsWith("src/github/"));
    const reached = lower.flatMap(layersReachedFrom);
    // The scan sees the imports there are.
    expect(reached.filter((r) => r.endsWith("→ model")).length).toBeGreaterThan(20);
    expect(reached.filter((r) => r.endsWith("→ stages"))).toEqual([]);
  });
});

/** Each import of the sandbox in `file`, as `path  specifier`: the package `@factory/sandbox`, or any path into a `sandbox/` folder. */
function sandboxImportsIn(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["'`]((?:@factory\/sandbox|[^"'`]*\/sandbox)(?:\/[^"'`]*)?)["'`]/g)].map((m) => `${file}  ${m[1]}`);
}

describe("the sandbox is the tests' GitHub", () => {
  // Everything outside the package itself (packages/sandbox/) that could import it.
  const imports = ["src", "test", "scripts", "demo"].flatMap(sources).flatMap(sandboxImportsIn);

  it("finds the imports it looks for (the scan itself works)", () => {
    if (process.env.LIST_SANDBOX_IMPORTS) console.log(imports.join("\n"));
    const importers = imports.map((i) => i.split("  ")[0]!);
    for (const expected of ["test/helpers/factory-harness.ts", "test/e2e/app-process.test.ts", "scripts/bench.ts", "demo/run-demo.ts"]) {
      expect(importers).toContain(expected);
    }
  });

  it("is imported by no app code: nothing under src/, so the build never ships it", () => {
    expect(imports.filter((i) => i.startsWith("src/"))).toEqual([]);
  });

  it("is imported through its public API, `@factory/sandbox`, never by a path into the package", () => {
    expect(imports.filter((i) => i.split("  ")[1] !== "@factory/sandbox")).toEqual([]);
  });
});
