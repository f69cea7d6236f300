import { afterEach, describe, expect, it } from "vitest";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { readyIssue } from "../helpers/ready-issue.js";

/*
 * Never spend for a stranger (SPEC §5): an implementation issue is grouped
 * into an epic, and so later paid for, only when a maintainer opened it or
 * triaged it with a type label. A stranger's look-alike epic does not keep
 * real issues out of Factory's epics either.
 */

const BOT = "factory[bot]";
type SandboxIssue = { number: number; body: string | null; labels: Array<{ name: string }>; user: { login: string } };

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const issues = () => h.sandbox.issues("acme", "api") as unknown as SandboxIssue[];
const factoryEpics = () => issues().filter((i) => i.user.login === BOT && (i.body ?? "").includes("<!-- factory:epic "));
const childrenOf = (epic: SandboxIssue | undefined) => parseEpicBody(epic?.body ?? "").phases.flatMap((p) => p.children.map((c) => c.number)).sort((a, b) => a - b);

function open(login: string, what: string): number {
  return readyIssue(h, what, login);
}

async function say(body: string, on: number) {
  h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
}

describe("a stranger's implementation issues", () => {
  it("are not grouped or marked for direct dispatch until a maintainer triages them", async () => {
    h = await startFactory({ repoConfig: "_extends: .github\n" });
    const theirs = ["alpha handler", "beta handler", "gamma handler"].map((what) => open("visitor", what));
    for (const n of theirs) expect((h.sandbox.issue("acme", "api", n) as unknown as SandboxIssue).labels).toEqual([]);
    await say("/factory epic", 1);
    expect(factoryEpics()).toEqual([]);
    for (const n of theirs) expect((h.sandbox.issue("acme", "api", n) as unknown as SandboxIssue).labels.map((l) => l.name)).not.toContain("factory:direct");

    // Control: once mona labels their type, the same issues are grouped.
    for (const n of theirs) h.sandbox.as("mona").addLabels({ owner: "acme", repo: "api", issue: n, labels: ["type:security"] });
    await say("/factory epic", 1);
    expect(childrenOf(factoryEpics()[0])).toEqual(theirs.sort((a, b) => a - b));
  });

  it("cannot keep a maintainer's issues out of Factory's epics with a look-alike epic listing them", async () => {
    h = await startFactory({ repoConfig: "_extends: .github\n" });
    const ours = ["alpha handler", "beta handler", "gamma handler"].map((what) => open("mona", what));
    h.sandbox.as("visitor").createIssue({
      owner: "acme",
      repo: "api",
      title: "epic(security): mine",
      body: ["### Phase 1: Mine (blocking)", "", ...ours.map((n) => `- [ ] #${n} - taken`), "", "<!-- factory:epic theme=security slug=security batch=mine -->"].join("\n"),
    });
    await say("/factory epic", 1);
    expect(childrenOf(factoryEpics()[0])).toEqual(ours.sort((a, b) => a - b));
  });

  it("control: a maintainer's hand-made epic does keep its children out of Factory's", async () => {
    h = await startFactory({ repoConfig: "_extends: .github\n" });
    const ours = ["alpha handler", "beta handler", "gamma handler"].map((what) => open("mona", what));
    h.sandbox.as("mona").createIssue({
      owner: "acme",
      repo: "api",
      title: "epic(security): by hand",
      body: ["### Phase 1: Mine (blocking)", "", ...ours.map((n) => `- [ ] #${n} - taken`)].join("\n"),
      labels: ["epic"],
    });
    await say("/factory epic", 1);
    expect(factoryEpics()).toEqual([]);
  });
});
