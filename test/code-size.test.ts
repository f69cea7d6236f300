import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/*
 * Code stays small enough to read in one sitting: no function in the app
 * longer than MAX_FUNCTION_LINES, no file longer than MAX_FILE_LINES, and the
 * typical (median) file short. All of src/ is app code: the sandbox (the
 * tests' and the demo's GitHub, packages/sandbox/) and the demo (demo/) live
 * outside it. Set LIST_SIZES=1 to print the longest functions.
 */

const ROOT = new URL("..", import.meta.url).pathname;
const MAX_FUNCTION_LINES = 80;
const MAX_FILE_LINES = 300;
const MAX_MEDIAN_FILE_LINES = 80;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

const APP = sources("src");

interface Measured {
  where: string;
  lines: number;
}

type FunctionNode = ts.FunctionDeclaration | ts.MethodDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.ConstructorDeclaration | ts.GetAccessorDeclaration | ts.SetAccessorDeclaration;

function isFunction(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** A readable name for a function: its own, or the variable, property or call it is given to, or the function it is in. */
function nameOf(node: FunctionNode): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().replace(/\s+/g, " ").slice(0, 40)})`;
  for (let outer = parent; !ts.isSourceFile(outer); outer = outer.parent) {
    if (isFunction(outer)) return `(function in ${nameOf(outer)})`;
  }
  return "(anonymous)";
}

/** Every function in `file` with a body, and how many lines that body spans. */
function functionsIn(file: string): Measured[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
  const found: Measured[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunction(node) && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.body.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.body.getEnd()).line;
      found.push({ where: `${file}:${start + 1}  ${nameOf(node)}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function fileLines(file: string): number {
  const text = readFileSync(join(ROOT, file), "utf8");
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

const describeSizes = (items: Measured[]): string[] => items.map((item) => `${item.where}  (${item.lines} lines)`);

describe("code size", () => {
  const functions = APP.flatMap(functionsIn);
  const files = APP.map((file) => ({ where: file, lines: fileLines(file) }));

  it("scans the app's functions and files (the scan itself works)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(functions.length).toBeGreaterThan(100);
    // Declarations, methods, arrows and function expressions are all seen.
    const names = functions.map((f) => f.where.split("  ")[1]);
    expect(names).toContain("applyActions");
    expect(functions.some((f) => f.where.includes("(callback of"))).toBe(true);
    if (process.env.LIST_SIZES) console.log(describeSizes([...functions].sort((a, b) => b.lines - a.lines).slice(0, 40)).join("\n"));
  });

  it(`has no function in src/ longer than ${MAX_FUNCTION_LINES} lines`, () => {
    const long = functions.filter((f) => f.lines > MAX_FUNCTION_LINES).sort((a, b) => b.lines - a.lines);
    expect(describeSizes(long), `functions over ${MAX_FUNCTION_LINES} lines:\n${describeSizes(long).join("\n")}`).toEqual([]);
  });

  it(`has no file in src/ longer than ${MAX_FILE_LINES} lines`, () => {
    const long = files.filter((f) => f.lines > MAX_FILE_LINES).sort((a, b) => b.lines - a.lines);
    expect(describeSizes(long), `files over ${MAX_FILE_LINES} lines:\n${describeSizes(long).join("\n")}`).toEqual([]);
  });

  it(`keeps the median file in src/ at ${MAX_MEDIAN_FILE_LINES} lines or fewer`, () => {
    const sorted = files.map((f) => f.lines).sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    expect(median, `median file length over ${sorted.length} files`).toBeLessThanOrEqual(MAX_MEDIAN_FILE_LINES);
  });
});
