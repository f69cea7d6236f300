import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/build-program.js";

async function run(args: string[]): Promise<{ out: string; error?: Error }> {
  let out = "";
  const program = buildProgram({ out: { write: (t: string) => (out += t) }, err: { write: () => undefined } });
  program.exitOverride();
  try {
    await program.parseAsync(["node", "factory", ...args]);
    return { out };
  } catch (error) {
    return { out, error: error as Error };
  }
}

function issuesFile(issues: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "factory-epic-")), "issues.json");
  writeFileSync(file, JSON.stringify(issues));
  return file;
}

const issue = (number: number, title: string, labels: string[], body = "") => ({ number, title, labels, body, state: "open" });

describe("factory epic plan", () => {
  it("prints the epics, phases, direct issues and cycles as JSON", async () => {
    const file = issuesFile([
      issue(1, "security(api): rate limit login", ["type:security", "severity:high"]),
      issue(2, "security(auth): rotate keys", ["type:security", "severity:critical"]),
      issue(3, "security(api): check ownership", ["type:security"], "Depends on #1"),
      issue(4, "docs(api): document limits", ["type:docs", "severity:low"]),
      issue(5, "quality(jobs): retry", [], "Depends on #6"),
      issue(6, "quality(queue): ack", [], "Depends on #5"),
      { ...issue(7, "security(old): closed one", ["type:security"]), state: "closed" },
      issue(8, "Question about the roadmap", []),
    ]);
    const { out, error } = await run(["epic", "plan", "--issues", file, "--json"]);
    expect(error).toBeUndefined();
    expect(JSON.parse(out)).toEqual({
      epics: [
        {
          theme: "security",
          title: "epic(security): 4 issues",
          phases: [
            { name: "Foundations", kind: "blocking", children: [2, 1] },
            { name: "Implementation", kind: "parallel", children: [3] },
            { name: "Cleanup", kind: "cleanup", children: [4] },
          ],
        },
      ],
      extensions: [],
      direct: [],
      errors: [{ kind: "cycle", issues: [5, 6] }],
    });
  });

  it("prints a readable plan, and fails with one line on a bad file", async () => {
    const file = issuesFile([issue(1, "docs(api): a", []), issue(2, "docs(web): b", [])]);
    expect((await run(["epic", "plan", "--issues", file])).out).toBe("direct dispatch: #1 #2\n");
    const bad = issuesFile({ not: "a list" });
    expect((await run(["epic", "plan", "--issues", bad])).error?.message).toMatch(/^the issues file .* is not a list of issues/);
    expect((await run(["epic", "plan", "--issues", "missing.json"])).error?.message).toBe("no such file: missing.json");
  });

  it("takes issues as gh issue list --json and the REST API give them: label objects, OPEN/CLOSED, no or null body, pull requests left out", async () => {
    const gh = issuesFile([
      { number: 1, title: "docs(api): a", labels: [{ id: "LA_1", name: "type:docs", description: "", color: "0075ca" }], state: "OPEN" },
      { number: 2, title: "docs(web): b", labels: [], body: "", state: "OPEN" },
      { number: 3, title: "docs(cli): c", labels: [], body: "", state: "CLOSED" },
    ]);
    expect(await run(["epic", "plan", "--issues", gh])).toEqual({ out: "direct dispatch: #1 #2\n" });
    const rest = issuesFile([
      { id: 11, number: 1, title: "docs(api): a", labels: [{ id: 5, name: "type:docs", color: "0075ca", default: false }], state: "open", body: null, user: { login: "mona" } },
      { id: 12, number: 2, title: "docs(web): b", labels: ["type:docs"], state: "closed", body: null },
      { id: 13, number: 4, title: "docs(api): a fix", labels: [], state: "open", body: null, pull_request: { url: "https://api.github.com/repos/acme/api/pulls/4" } },
      { number: 5, title: "docs(web): d" },
    ]);
    expect(await run(["epic", "plan", "--issues", rest])).toEqual({ out: "direct dispatch: #1 #5\n" });
    const wrong = issuesFile([{ number: 1, title: "a", state: "merged" }]);
    expect((await run(["epic", "plan", "--issues", wrong])).error?.message).toMatch(/^the issues file .* is not a list of issues \(Invalid option: expected one of "open"\|"closed" at \[0\]\.state\); give a JSON array/);
  });
});
