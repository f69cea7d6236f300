import { afterEach, describe, expect, it } from "vitest";
import { parseLedger } from "../../src/model/ledger-entry.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { readyIssue } from "../helpers/ready-issue.js";

/*
 * A process killed halfway through `/factory epic` leaves an epic without
 * what hangs on it. Nothing is paid for against a missing branch, and
 * `/factory sync` (like the periodic sweep) gives the epic what it lacks.
 * The crash is a write GitHub refuses at the chosen point, which stops the
 * flow there just as a kill would.
 */

const BOT = "factory[bot]";
const MONTH = new Date().toISOString().slice(0, 7);
const LEDGER = `factory/dispatch-${MONTH}.jsonl`;

type SandboxIssue = { number: number; body: string | null };

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const factoryComments = (n: number) => h.sandbox.comments("acme", "api", n).filter((c) => c.user.login === BOT);
const ledger = () => parseLedger(h.sandbox.file("acme", ".github", "factory-ledger", LEDGER) ?? "").entries;
const branches = () => h.sandbox.branches("acme", "api").map((b) => b.name);
const subIssues = (parent: number) =>
  (h.sandbox.snapshot().issues as Array<{ repo: string; number: number; parent: number | null }>).filter((i) => i.repo === "acme/api" && i.parent === parent).map((i) => i.number).sort((a, b) => a - b);
const parentComments = (child: number, epic: number) => factoryComments(child).filter((c) => c.body.startsWith(`Parent: #${epic}`));

const child = (what: string) => readyIssue(h, what);

async function say(body: string, on: number) {
  const comment = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
  return factoryComments(on).find((c) => c.body.includes(`factory:reply comment=${comment.id} `))?.body ?? "";
}

const epicIssue = () => (h.sandbox.issues("acme", "api") as unknown as SandboxIssue[]).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;

describe("an epic left half-made by a crash", () => {
  it("killed between the epic issue and its branch: dispatch pays nothing, sync makes the branch, links, Parent comments and the ready comment", async () => {
    h = await startFactory({ repoConfig: "_extends: .github\n" });
    const children = [child("login has no rate limit"), child("token refresh has no rate limit"), child("signup has no captcha")].sort((a, b) => a - b);
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/git/refs", status: 404, times: 1 });
    await say("/factory epic", 1);
    const epic = epicIssue();
    expect(epic).toBeGreaterThan(0);
    expect(branches().filter((b) => b.startsWith("epic/"))).toEqual([]);
    expect(subIssues(epic)).toEqual([]);

    const refused = await say("/factory dispatch next", epic);
    expect(refused).toContain(`epic #${epic}'s branch \`epic/${epic}-security\` does not exist`);
    expect(refused).toContain("nothing was paid for");
    expect(ledger()).toEqual([]);

    const synced = await say("/factory sync", epic);
    expect(synced).toContain(`- #${epic}: `);
    expect(branches()).toContain(`epic/${epic}-security`);
    expect(subIssues(epic)).toEqual(children);
    for (const c of children) expect(parentComments(c, epic)).toHaveLength(1);
    expect(factoryComments(epic).filter((c) => c.body.includes("factory:epic-ready "))).toHaveLength(1);

    // Synced again: nothing was missing, nothing is written twice.
    const restWrites = () => h.sandbox.requests.entries.filter((e) => e.method !== "GET" && e.path !== undefined).map((e) => `${e.method} ${e.path}`);
    const before = restWrites().length;
    const again = await say("/factory sync", epic);
    expect(again).toContain(`- #${epic}: nothing was missing`);
    // Only the command's own reactions (taken, done) and its reply.
    expect(restWrites().slice(before).map((w) => w.replace(/\d+/g, "N"))).toEqual([
      "POST /repos/acme/api/issues/comments/N/reactions",
      "POST /repos/acme/api/issues/N/comments",
      "POST /repos/acme/api/issues/comments/N/reactions",
    ]);

    const dispatched = await say("/factory dispatch next", epic);
    expect(dispatched).toContain("Dispatched");
    expect(ledger().length).toBeGreaterThan(0);
  });

  it("killed while linking the children: sync links the rest and comments on them, once", async () => {
    h = await startFactory({ repoConfig: "_extends: .github\n" });
    const children = [child("login has no rate limit"), child("token refresh has no rate limit"), child("signup has no captcha")].sort((a, b) => a - b);
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues", status: 404, after: 1, times: 1 });
    await say("/factory epic", 1);
    const epic = epicIssue();
    expect(subIssues(epic)).toHaveLength(1);

    await say("/factory sync", epic);
    expect(subIssues(epic)).toEqual(children);
    for (const c of children) expect(parentComments(c, epic)).toHaveLength(1);
    expect(factoryComments(epic).filter((c) => c.body.includes("factory:epic-ready "))).toHaveLength(1);
  });

  it("says what sync would repair in a dry run, and writes nothing", async () => {
    h = await startFactory({ repoConfig: "_extends: .github\n" });
    for (const what of ["login has no rate limit", "token refresh has no rate limit", "signup has no captcha"]) child(what);
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/git/refs", status: 404, times: 1 });
    await say("/factory epic", 1);
    const epic = epicIssue();
    const preview = await say("/factory sync --dry-run", epic);
    expect(preview).toContain(`create the branch \`epic/${epic}-security\``);
    expect(preview).toMatch(/link #\d+ as a sub-issue of the epic/);
    expect(branches().filter((b) => b.startsWith("epic/"))).toEqual([]);
  });
});
