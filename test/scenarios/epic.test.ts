import { afterEach, describe, expect, it } from "vitest";
import { childrenOf } from "../../src/model/epic-document.js";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { epicViews } from "../helpers/epic-views.js";

/** acme/api with the automatic stages off. */
const MANUAL = "_extends: .github\n";

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const { epics, factoryComments } = epicViews(() => h.sandbox);

/** An implementation issue as Factory's audit stage writes them. */
function implementation(params: { type: string; component: string; what: string; severity?: string; file?: string; body?: string }): number {
  const file = params.file ?? `internal/${params.component}/${params.what.split(" ")[0]}.go`;
  return h.sandbox.as("mona").createIssue({
    owner: "acme",
    repo: "api",
    title: `${params.type}(${params.component}): ${params.what}`,
    body: `## Locations\n\n- \`${file}:10\`\n\n${params.body ?? ""}\n`,
    labels: [`type:${params.type}`, `severity:${params.severity ?? "medium"}`],
  }).number;
}

async function say(body: string, issue: number) {
  const comment = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue, body });
  await h.settle();
  const reply = factoryComments(issue).find((c) => c.body.includes(`factory:reply comment=${comment.id} `));
  return reply?.body ?? "";
}

/** The sub-issues of `parent`, from the sandbox's own state. */
function subIssues(parent: number): number[] {
  return (h.sandbox.snapshot().issues as Array<{ repo: string; number: number; parent: number | null }>)
    .filter((issue) => issue.repo === "acme/api" && issue.parent === parent)
    .map((issue) => issue.number)
    .sort((a, b) => a - b);
}

describe("/factory epic", () => {
  it("groups four issues into one epic with phases, a branch, sub-issues and Parent comments", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const framework = implementation({ type: "security", component: "framework", what: "shared rate limiting across 3 packages", severity: "high" });
    const a = implementation({ type: "security", component: "api", what: "login has no rate limit", severity: "high", body: `Depends on #${framework}` });
    const b = implementation({ type: "security", component: "auth", what: "token refresh has no rate limit", severity: "critical" });
    const c = implementation({ type: "docs", component: "api", what: "document the limits", severity: "low" });
    const ask = h.world.audits[0] as number;
    const reply = await say("/factory epic", ask);

    const [epic, ...others] = epics();
    expect(others).toEqual([]);
    expect(epic?.title).toBe("epic(security): 4 issues");
    expect(epic?.labels.map((l) => l.name)).toEqual(["epic"]);
    const document = parseEpicBody(epic?.body ?? "");
    expect(document.phases.map((p) => [p.name, p.kind, p.children.map((x) => x.number)])).toEqual([
      ["Foundations", "blocking", [b, framework]],
      ["Implementation", "parallel", [a]],
      ["Cleanup", "cleanup", [c]],
    ]);
    expect(document.manifest?.tickets.map((t) => t.issue).sort()).toEqual([framework, a, b, c].sort());
    const branch = `epic/${epic?.number}-security`;
    const main = h.sandbox.branches("acme", "api").find((x) => x.name === "main");
    expect(h.sandbox.branches("acme", "api").find((x) => x.name === branch)?.sha).toBe(main?.sha);
    for (const child of [framework, a, b, c]) {
      expect(factoryComments(child).map((x) => x.body.split("\n")[0])).toEqual([`Parent: #${epic?.number}`]);
    }
    expect(subIssues(epic?.number as number)).toEqual([framework, a, b, c].sort((x, y) => x - y));
    expect(reply).toContain(`created #${epic?.number} with 4 children in 3 phases, branch \`${branch}\``);
    expect(factoryComments(epic?.number as number)[0]?.body).toContain(`Its branch is \`${branch}\``);

    // A second run changes nothing: no epic, comment, link or branch twice.
    const before = JSON.stringify(h.sandbox.snapshot().issues);
    const branches = h.sandbox.branches("acme", "api").length;
    const again = await say("/factory epic", ask);
    expect(again).toContain("Nothing to do");
    expect(epics()).toHaveLength(1);
    expect(h.sandbox.branches("acme", "api")).toHaveLength(branches);
    for (const child of [framework, a, b, c]) expect(factoryComments(child)).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(h.sandbox.snapshot().issues)).length).toBe(JSON.parse(before).length);
  });

  it("splits thirty issues across themes into epics of three to ten, each issue in exactly one", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const made: number[] = [];
    const plan: Array<[string, number]> = [["security", 12], ["quality", 7], ["performance", 4], ["testing", 5], ["docs", 2]];
    for (const [type, count] of plan) {
      for (let i = 0; i < count; i++) made.push(implementation({ type, component: `pkg${i}`, what: `${type} item ${i}` }));
    }
    await say("/factory epic", h.world.audits[0] as number);
    const all = epics().map((epic) => ({ title: epic.title, children: childrenOf(parseEpicBody(epic.body ?? "")).map((c) => c.number) }));
    for (const epic of all) {
      expect(epic.children.length).toBeGreaterThanOrEqual(3);
      expect(epic.children.length).toBeLessThanOrEqual(10);
    }
    expect(all.flatMap((epic) => epic.children).sort((a, b) => a - b)).toEqual(made);
    expect(all.map((epic) => epic.title.split(":")[0]).sort()).toEqual([
      "epic(performance)",
      "epic(quality)",
      "epic(security)",
      "epic(security)",
      "epic(testing)",
    ]);
  });

  it("honours Depends on lines and GitHub's issue dependencies, and reports a cycle instead of guessing", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const base = implementation({ type: "quality", component: "store", what: "wrap store errors" });
    const mid = implementation({ type: "quality", component: "api", what: "map store errors to 500s", body: `Depends on #${base}` });
    const top = implementation({ type: "quality", component: "web", what: "show error pages" });
    h.sandbox.as("mona").addBlockedBy({ owner: "acme", repo: "api", issue: top, blockedBy: mid });
    const x = implementation({ type: "quality", component: "jobs", what: "retry jobs" });
    const y = implementation({ type: "quality", component: "queue", what: "ack after retry", body: `Blocked by #${x}` });
    h.sandbox.as("mona").editIssue({ owner: "acme", repo: "api", issue: x, body: `Depends on #${y}` });
    const reply = await say("/factory epic", h.world.audits[0] as number);
    const [epic] = epics();
    const phases = parseEpicBody(epic?.body ?? "").phases.map((p) => p.children.map((c) => c.number));
    const phaseOf = (n: number) => phases.findIndex((p) => p.includes(n));
    expect(phaseOf(base)).toBeLessThan(phaseOf(mid));
    expect(phaseOf(mid)).toBeLessThan(phaseOf(top));
    expect(phaseOf(x)).toBe(-1);
    expect(phaseOf(y)).toBe(-1);
    expect(reply).toContain(`#${x} → #${y} → #${x} depend on each other in a cycle`);
  });

  it("extends an open epic of the same theme instead of making a second one, and keeps a maintainer's edit", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const first = [0, 1, 2, 3].map((i) => implementation({ type: "testing", component: `pkg${i}`, what: `cover case ${i}` }));
    await say("/factory epic", h.world.audits[0] as number);
    const [epic] = epics();
    const number = epic?.number as number;
    // A maintainer moves the last child of Phase 1 into a new phase of their own, and adds a note.
    const edited = (epic?.body ?? "").replace(`- [ ] #${first[3]} - testing(pkg3): cover case 3\n`, "") + `\nA note from mona.\n`;
    const withPhase = edited.replace("## Acceptance criteria", `### Phase 2: Later (parallel)\n\n- [ ] #${first[3]} - testing(pkg3): cover case 3\n\n## Acceptance criteria`);
    h.sandbox.as("mona").editIssue({ owner: "acme", repo: "api", issue: number, body: withPhase });
    expect(parseEpicBody(withPhase).phases.map((p) => p.children.map((c) => c.number))).toEqual([first.slice(0, 3), [first[3]]]);

    const more = [4, 5].map((i) => implementation({ type: "testing", component: `pkg${i}`, what: `cover case ${i}` }));
    const reply = await say("/factory epic", h.world.audits[0] as number);
    expect(epics()).toHaveLength(1);
    const body = h.sandbox.issue("acme", "api", number).body as string;
    expect(body).toContain("A note from mona.");
    const phases = parseEpicBody(body).phases;
    expect(phases.map((p) => p.children.map((c) => c.number))).toEqual([first.slice(0, 3), [first[3]], more]);
    expect(phases[2]?.number).toBe(3);
    expect(reply).toContain(`added #${more[0]}, #${more[1]} to #${number}`);
    expect(subIssues(number)).toEqual([...first, ...more]);
  });

  it("links every child exactly once after a crash halfway", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const children = [0, 1, 2, 3, 4].map((i) => implementation({ type: "performance", component: `pkg${i}`, what: `speed up ${i}` }));
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues", status: 502, after: 2, times: 1 });
    await say("/factory epic", h.world.audits[0] as number);
    const [epic] = epics();
    expect(subIssues(epic?.number as number)).toHaveLength(2);
    await say("/factory epic", h.world.audits[0] as number);
    expect(epics()).toHaveLength(1);
    expect(subIssues(epic?.number as number)).toEqual(children);
    for (const child of children) expect(factoryComments(child).filter((c) => c.body.startsWith("Parent:"))).toHaveLength(1);
  });

  it("leaves two issues for direct dispatch and changes nothing on a dry run", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const a = implementation({ type: "docs", component: "api", what: "fix typo" });
    const b = implementation({ type: "docs", component: "web", what: "fix link" });
    const dry = await say("/factory epic --dry-run", h.world.audits[0] as number);
    expect(dry).toContain(`leave #${a}, #${b} out of epics, for direct dispatch`);
    expect(h.sandbox.issue("acme", "api", a).labels).toEqual(expect.not.arrayContaining([expect.objectContaining({ name: "factory:direct" })]));
    const reply = await say("/factory epic", h.world.audits[0] as number);
    expect(epics()).toHaveLength(0);
    expect(reply).toContain("labelled `factory:direct`");
    for (const n of [a, b]) expect((h.sandbox.issue("acme", "api", n).labels as Array<{ name: string }>).map((l) => l.name)).toContain("factory:direct");
  });
});
