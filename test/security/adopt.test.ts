import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { findMarker } from "../../src/model/markers.js";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import type { AgentActor } from "@factory/sandbox";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { REPEATABLE_RETRIES } from "../../src/github/factory-octokit.js";

const BOT = "factory[bot]";
/** acme/api with the automatic stages off. */
const MANUAL = "_extends: .github\n";

type SandboxIssue = { number: number; title: string; body: string | null; state: string; labels: Array<{ name: string }> };

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const issue = (n: number) => h.sandbox.issue("acme", "api", n) as unknown as SandboxIssue;
const labelsOf = (n: number) => issue(n).labels.map((l) => l.name).sort();
const factoryComments = (n: number) => h.sandbox.comments("acme", "api", n).filter((c) => c.user.login === BOT);
const branches = () => h.sandbox.branches("acme", "api").map((b) => b.name).sort();
const mainSha = () => h.sandbox.branches("acme", "api").find((b) => b.name === "main")?.sha;

/** The sub-issues of `parent`, from the sandbox's own state. */
function subIssues(parent: number): number[] {
  return (h.sandbox.snapshot().issues as Array<{ repo: string; number: number; parent: number | null }>)
    .filter((i) => i.repo === "acme/api" && i.parent === parent)
    .map((i) => i.number)
    .sort((a, b) => a - b);
}

/** Everything a refused or repeated command must leave as it was: issues (bodies, labels, parents), comments other than commands and replies, branches. */
function state() {
  const snapshot = h.sandbox.snapshot();
  return JSON.stringify({
    issues: snapshot.issues.filter((i) => i.repo === "acme/api").map((i) => ({ number: i.number, title: i.title, body: h.sandbox.issue("acme", "api", i.number).body, labels: [...i.labels].sort(), parent: i.parent, state: i.state })),
    comments: (snapshot.comments as Array<{ repo: string; issue: number; author: string; body: string }>)
      .filter((c) => c.repo === "acme/api" && !/factory:(reply|error) /.test(c.body) && !c.body.startsWith("/factory"))
      .map((c) => `${c.issue} ${c.author}: ${c.body}`),
    branches: branches(),
  });
}

async function say(body: string, on: number, login = "mona"): Promise<string> {
  const comment = h.sandbox.as(login).comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
  return factoryComments(on).find((c) => c.body.includes(`factory:reply comment=${comment.id} `) || c.body.includes(`factory:error comment=${comment.id} `))?.body ?? "";
}

function child(title: string, login = "mona", labels = ["type:quality"]): number {
  return h.sandbox.as(login).createIssue({ owner: "acme", repo: "api", title, body: `## Acceptance criteria\n\n- [ ] ${title} works\n`, labels }).number;
}

/** A fixture epic body with its child numbers (written `#12` … `#17` there) swapped for the story's. */
function fixtureBody(name: string, numbers: Record<number, number | string>): string {
  const text = readFileSync(new URL(`../../fixtures/epics/${name}`, import.meta.url), "utf8");
  return text.replace(/#(\d+)\b/g, (match, n: string) => (numbers[Number(n)] === undefined ? match : `#${numbers[Number(n)]}`));
}

describe("/factory adopt takes over an epic made by hand", () => {
  it("adopts a runbook epic of three phases: Factory's body and marker, its record, labels, sub-issues, Parent comments and branch; a rerun doubles nothing", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const [a, b, c, d, e, f] = ["add the Medium interface", "adapt the filesystem", "read settings through Medium", "keep cache entries in a Medium", "stream uploads", "document Medium"].map((what) => child(`refactor(io): ${what}`));
    h.sandbox.as("mona").closeIssue({ owner: "acme", repo: "api", issue: d as number, reason: "completed" });
    const pull = h.sandbox.as("mona").openPullRequest({ owner: "acme", repo: "api", head: "mona/side", title: "a side change" }).number;
    const body = fixtureBody("three-phases.md", { 12: a as number, 13: b as number, 14: c as number, 15: d as number, 16: e as number, 17: f as number, 3: 1 })
      .replace(new RegExp(`(- \\[ \\] #${f} [^\\n]*\\n)`), `$1- [ ] #${pull} - a pull request, not an issue\n- [ ] #9999 - nothing has this number\n`);
    const epic = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "EPIC: Medium everywhere", body }).number;
    await h.settle();

    // A dry run says what would happen and writes nothing but its reply.
    const before = state();
    const dry = await say("/factory adopt --dry-run", epic);
    expect(dry).toContain(`**Dry run:** nothing was changed. Factory would adopt #${epic} as its epic, 6 children in 3 phases:`);
    expect(dry).toContain(`- create the branch \`epic/${epic}-medium-everywhere\` from the default branch`);
    expect(state()).toBe(before);

    const reply = await say("/factory adopt", epic);
    expect(reply).toContain(`Adopted #${epic} as Factory's epic, 6 children in 3 phases, on the new branch \`epic/${epic}-medium-everywhere\` from \`main\`:`);
    expect(reply).toContain(`- Phase 1: \`Interface\` (blocking): #${a}, #${b}`);
    expect(reply).toContain(`- Phase 2: \`Migrations\` (parallel): #${c}, #${d} (closed), #${e}`);
    expect(reply).toContain(`- #${pull}: it is a pull request, not an issue`);
    expect(reply).toContain("- #9999: no issue has this number in this repository");
    expect(reply).toContain(`- #${c} is listed more than once; its first line counts`);
    expect(reply).toContain("`- [ ] write the migration guide`: not read, it does not start with an issue number like `#12`");

    // The body is Factory's epic format, with its marker, the maintainer's overview and the children's real titles.
    const written = issue(epic).body as string;
    const marker = findMarker(written, "epic");
    expect(marker?.fields).toEqual({ theme: "adopted", slug: "medium-everywhere", batch: expect.stringMatching(/^b-[0-9a-f]{16}$/) });
    expect(written).toContain("## Overview\n\nMove every service onto the shared `Medium` interface");
    const document = parseEpicBody(written);
    expect(document.phases.map((p) => [p.number, p.name, p.kind, p.children.map((x) => [x.number, x.checked])])).toEqual([
      [1, "Interface", "blocking", [[a, false], [b, false]]],
      [2, "Migrations", "parallel", [[c, false], [d, true], [e, false]]],
      [3, "Tidy up", "cleanup", [[f, false]]],
    ]);
    expect(document.phases[0]?.children[0]?.title).toBe("refactor(io): add the Medium interface");
    expect(document.manifest?.tickets.map((t) => [t.issue, t.phase])).toEqual([[a, 1], [b, 1], [c, 2], [d, 2], [e, 2], [f, 3]]);

    // Factory's own record makes it Factory's: a comment by its app with the adopted marker, and the labels.
    const records = factoryComments(epic).filter((x) => findMarker(x.body, "adopted"));
    expect(records.map((x) => findMarker(x.body, "adopted")?.fields)).toEqual([{ epic: `#${epic}`, by: "mona" }]);
    expect(records[0]?.body).toContain("Factory adopted this epic at `mona`'s request");
    expect(labelsOf(epic)).toEqual(["epic", "factory:adopted"]);
    expect(subIssues(epic)).toEqual([a, b, c, d, e, f]);
    for (const n of [a, b, c, d, e, f]) expect(factoryComments(n as number).map((x) => x.body.split("\n")[0])).toEqual([`Parent: #${epic}`]);
    expect(h.sandbox.branches("acme", "api").find((x) => x.name === `epic/${epic}-medium-everywhere`)?.sha).toBe(mainSha());
    expect(factoryComments(epic).some((x) => x.body.startsWith(`Factory adopted this epic with 6 issues; each is linked as a sub-issue`))).toBe(true);

    // Adopting again, or running the repository-wide epic stage, doubles nothing.
    const after = state();
    const again = await say("/factory adopt", epic);
    expect(again).toContain(`#${epic} is already Factory's epic: it was adopted before.`);
    await say("/factory epic", epic);
    expect(state()).toBe(after);
  });

  it("adopts a flat checklist as one phase, and reuses the epic branch a maintainer made for it", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const [a, b, c, d] = ["return 404 for unknown routes", "trim query parameters", "exit non-zero on failed uploads", "retry the flaky upload"].map((what) => child(`fix(api): ${what}`));
    h.sandbox.as("mona").closeIssue({ owner: "acme", repo: "api", issue: c as number });
    const epic = h.sandbox.as("mona").createIssue({
      owner: "acme",
      repo: "api",
      title: "Release fixes",
      body: fixtureBody("flat-checklist.md", { 21: a as number, 22: b as number, 23: c as number, 24: d as number }),
    }).number;
    h.sandbox.as("mona").pushCommit({ owner: "acme", repo: "api", branch: `epic/${epic}-release-2`, from: "main", files: { "notes.md": "release 2\n" } });
    const existing = h.sandbox.branches("acme", "api").find((x) => x.name === `epic/${epic}-release-2`)?.sha;
    await h.settle();

    const reply = await say("/factory adopt", epic);
    expect(reply).toContain(`Adopted #${epic} as Factory's epic, 4 children in 1 phase, reusing the branch \`epic/${epic}-release-2\`:`);
    const document = parseEpicBody(issue(epic).body as string);
    expect(document.slug).toBe("release-2");
    expect(document.phases.map((p) => [p.name, p.kind, p.children.map((x) => [x.number, x.checked])])).toEqual([["all", "parallel", [[a, false], [b, false], [c, true], [d, false]]]]);
    expect(issue(epic).body).toContain("Quick fixes found while reviewing the release branch.");
    expect(subIssues(epic)).toEqual([a, b, c, d]);
    expect(branches().filter((name) => name.startsWith(`epic/${epic}-`))).toEqual([`epic/${epic}-release-2`]);
    expect(h.sandbox.branches("acme", "api").find((x) => x.name === `epic/${epic}-release-2`)?.sha).toBe(existing);
    expect(labelsOf(epic)).toEqual(["epic", "factory:adopted"]);
  });

  it("adopts category sections as one parallel phase each, leaving out a child already in another Factory epic", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const made = [0, 1, 2, 3].map((i) => child(`testing(pkg${i}): cover case ${i}`));
    await say("/factory epic", 1);
    const factoryEpic = (h.sandbox.issues("acme", "api") as unknown as SandboxIssue[]).find((i) => findMarker(i.body, "epic"))?.number as number;
    const [s1, s2, q1] = ["rate limit login", "validate uploads", "split the repository file"].map((what) => child(`security(api): ${what}`, "mona", ["security"]));
    const body = fixtureBody("category-sections.md", { 36: s1 as number, 37: s2 as number, 38: made[0] as number, 41: q1 as number, 42: 9998, 45: 9997 });
    const epic = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "Audit follow-up", body }).number;
    await h.settle();
    const reply = await say("/factory adopt", epic);
    expect(reply).toContain(`- #${made[0]}: it is already in Factory's epic #${factoryEpic}; take it out there first`);
    expect(reply).toContain("- #9997: no issue has this number in this repository");
    expect(parseEpicBody(issue(epic).body as string).phases.map((p) => [p.name, p.kind, p.children.map((x) => x.number)])).toEqual([
      ["Security", "parallel", [s1, s2]],
      ["Quality", "parallel", [q1]],
    ]);
    expect(subIssues(factoryEpic)).toContain(made[0]);
  });
});

describe("/factory adopt after a crash", () => {
  async function handMade(): Promise<{ epic: number; children: number[] }> {
    const children = [child("fix(api): one"), child("fix(api): two"), child("fix(api): three")];
    const epic = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "Three fixes", body: children.map((n) => `- [ ] #${n}`).join("\n") }).number;
    await h.settle();
    return { epic, children };
  }

  it("is finished by adopting again when it stopped after the body and the record", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const { epic, children } = await handMade();
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/labels", status: 502, times: 1 + REPEATABLE_RETRIES });
    expect(await say("/factory adopt", epic)).toContain("GitHub answered 502");
    expect(findMarker(issue(epic).body, "epic")).toBeDefined();
    expect(factoryComments(epic).filter((x) => findMarker(x.body, "adopted"))).toHaveLength(1);
    expect(labelsOf(epic)).toEqual([]);
    expect(subIssues(epic)).toEqual([]);

    expect(await say("/factory adopt", epic)).toContain(`Adopted #${epic} as Factory's epic, 3 children in 1 phase`);
    expect(labelsOf(epic)).toEqual(["epic", "factory:adopted"]);
    expect(subIssues(epic)).toEqual(children);
    expect(factoryComments(epic).filter((x) => findMarker(x.body, "adopted"))).toHaveLength(1);
    expect(branches()).toContain(`epic/${epic}-three-fixes`);
  });

  it("is finished by /factory epic when it stopped while linking children", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const { epic, children } = await handMade();
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues", status: 502, after: 1, times: 1 });
    expect(await say("/factory adopt", epic)).toContain("GitHub answered 502");
    expect(subIssues(epic)).toEqual(children.slice(0, 1));
    expect(await say("/factory adopt", epic)).toContain("`/factory epic` links any child still missing");
    await say("/factory epic", epic);
    expect(subIssues(epic)).toEqual(children);
    for (const n of children) expect(factoryComments(n).map((x) => x.body.split("\n")[0])).toEqual([`Parent: #${epic}`]);
  });
});

describe("/factory adopt is refused, writing nothing", () => {
  it("for a read-only user, while the same command from a maintainer adopts (control)", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const [a, b] = [child("fix(api): one"), child("fix(api): two")];
    const epic = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "Two fixes", body: `- [ ] #${a}\n- [ ] #${b}\n` }).number;
    await h.settle();
    const before = state();
    const reply = await say("/factory adopt", epic, "visitor");
    expect(reply).toContain("Not done: `adopt` changes the repository, so it needs **write** permission; you have **read**.");
    expect(state()).toBe(before);
    expect(labelsOf(epic)).toEqual([]);

    expect(await say("/factory adopt", epic)).toContain(`Adopted #${epic} as Factory's epic, 2 children in 1 phase`);
    expect(labelsOf(epic)).toEqual(["epic", "factory:adopted"]);
  });

  it("for an issue a read-only user opened, even when a maintainer asks", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const [a, b] = [child("fix(api): one"), child("fix(api): two")];
    const epic = h.sandbox.as("visitor").createIssue({ owner: "acme", repo: "api", title: "Two fixes", body: `### Phase 1: All (blocking)\n- [ ] #${a}\n- [ ] #${b}\n` }).number;
    await h.settle();
    const before = state();
    const reply = await say("/factory adopt", epic);
    expect(reply).toContain(`Nothing was adopted. #${epic} was opened by visitor, who does not have the \`write\` permission on this repository.`);
    expect(reply).toContain("Ask a maintainer to copy the plan into an issue of their own and adopt that one.");
    expect(state()).toBe(before);
  });

  it("for a pull request, a closed issue, an epic Factory made, and a body without children", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    [0, 1, 2, 3].forEach((i) => child(`testing(pkg${i}): cover case ${i}`));
    await say("/factory epic", 1);
    const made = (h.sandbox.issues("acme", "api") as unknown as SandboxIssue[]).find((i) => findMarker(i.body, "epic"))?.number as number;
    const pull = h.sandbox.as("mona").openPullRequest({ owner: "acme", repo: "api", head: "mona/x", title: "x", body: "- [ ] #2\n" }).number;
    const closed = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "Old plan", body: "- [ ] #2\n" }).number;
    h.sandbox.as("mona").closeIssue({ owner: "acme", repo: "api", issue: closed, reason: "not_planned" });
    const empty = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "Ideas", body: "Some thoughts about #2.\n\n- [ ] think harder\n" }).number;
    await h.settle();
    const before = state();
    expect(await say("/factory adopt", pull)).toContain(`#${pull} is a pull request; only an issue can be an epic.`);
    expect(await say("/factory adopt", closed)).toContain(`#${closed} is closed; reopen it first`);
    expect(await say("/factory adopt", made)).toContain(`#${made} is already Factory's epic: Factory made it`);
    expect(await say("/factory adopt", empty)).toContain(`Factory found no child in #${empty}'s body.`);
    expect(state()).toBe(before);
  });

  it("does not take a person's copy of the adoption record for Factory's: the epic is adopted with Factory's own", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const [a, b] = [child("fix(api): one"), child("fix(api): two")];
    const epic = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "Two fixes", body: `- [ ] #${a}\n- [ ] #${b}\n` }).number;
    h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: epic, body: `Adopted. <!-- factory:adopted epic=#${epic} by=mona -->` });
    h.sandbox.as("mona").addLabels({ owner: "acme", repo: "api", issue: epic, labels: ["factory:adopted"] });
    await h.settle();
    expect(await say("/factory adopt", epic)).toContain(`Adopted #${epic} as Factory's epic`);
    expect(factoryComments(epic).filter((x) => findMarker(x.body, "adopted"))).toHaveLength(1);
  });
});

describe("an adopted epic runs like Factory's own", () => {
  /** The organisation's agents and budget (jules acts with the token in `JULES_TOKEN`), the next phase dispatched on its own. */
  const CONFIG = "_extends: .github\ndispatch:\n  auto: true\n";

  it("goes from /factory dispatch next through agents' pull requests, CI, approval and merges to its own merge", async () => {
    const clock = new VirtualClock();
    const env: NodeJS.ProcessEnv = {};
    h = await startFactory({ repoConfig: CONFIG, env, clock });
    env.JULES_TOKEN = h.sandbox.createUserToken("mona");
    h.sandbox.createUser("rita");
    h.sandbox.addCollaborator({ owner: "acme", repo: "api", login: "rita", permission: "write" });
    const jules: AgentActor = h.sandbox.addAgent({ preset: "jules" });
    const [a, b, c] = ["add the Medium interface", "read settings through Medium", "keep the cache in a Medium"].map((what) =>
      child(`quality(io): ${what}`, "mona", ["type:quality", "severity:medium"]),
    );
    const epic = h.sandbox.as("mona").createIssue({
      owner: "acme",
      repo: "api",
      title: "EPIC: Medium",
      body: `## Overview\n\nOne interface for every store.\n\n## Child Issues\n\n### Phase 1: Interface (blocking)\n- [ ] #${a} - interface\n\n### Phase 2: Migrations (parallelisable)\n- [ ] #${b} - settings\n- [ ] #${c} - cache\n`,
    }).number;
    await h.settle();
    expect(await say("/factory adopt", epic)).toContain(`Adopted #${epic} as Factory's epic, 3 children in 2 phases`);
    const branch = `epic/${epic}-medium`;
    const pulls = () => h.sandbox.snapshot().pulls.filter((p) => p.repo === "acme/api");
    // Brought up to date after a sibling merged, a pull request merges only once CI has passed on its new head.
    const passCiOnNewHead = async (pull: number) => {
      const sha = pulls().find((p) => p.number === pull)?.headSha as string;
      if (pulls().find((p) => p.number === pull)?.merged || h.sandbox.snapshot().checkRuns.some((run) => run.headSha === sha && run.name === "test")) return;
      h.sandbox.ci.complete({ owner: "acme", repo: "api", sha, name: "test", conclusion: "success" });
      await h.settle();
    };
    const finish = async (child: number) => {
      const pull = jules.tasks.find((t) => t.issue === child)?.pull as number;
      expect(pulls().find((p) => p.number === pull)?.base).toBe(branch);
      h.sandbox.ci.complete({ owner: "acme", repo: "api", sha: pulls().find((p) => p.number === pull)?.headSha as string, name: "test", conclusion: "success" });
      await h.settle();
      h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull, event: "APPROVE" });
      await h.settle();
      await passCiOnNewHead(pull);
      expect(pulls().find((p) => p.number === pull)?.merged).toBe(true);
      expect(issue(child).state).toBe("closed");
    };

    const dispatched = await say("/factory dispatch next", epic);
    expect(dispatched).toContain(`- #${a} → **jules**`);
    expect(labelsOf(a as number)).toContain("factory:dispatched");
    await jules.work();
    await h.settle();
    await finish(a as number);
    // Phase 1 done: phase 2 goes out on its own (dispatch.auto).
    for (const n of [b, c]) expect(labelsOf(n as number)).toContain("factory:dispatched");
    await jules.work();
    await h.settle();
    await finish(b as number);
    await finish(c as number);

    // The last merge completes the epic: Factory opens its pull request into the default branch, which merges
    // like any other once CI has passed on its head and a person approved it.
    const own = pulls().find((p) => p.head === branch)?.number as number;
    await passCiOnNewHead(own);
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull: own, event: "APPROVE" });
    await h.settle();
    expect(pulls().find((p) => p.head === branch)?.base).toBe("main");
    expect(pulls().find((p) => p.head === branch)?.merged).toBe(true);
    expect(issue(epic).state).toBe("closed");
    expect(parseEpicBody(issue(epic).body as string).phases.every((p) => p.children.every((x) => x.checked))).toBe(true);
    expect(branches()).not.toContain(branch);
  });
});
