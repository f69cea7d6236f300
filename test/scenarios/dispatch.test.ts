import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parseLedger } from "../../src/model/ledger-entry.js";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { REPEATABLE_RETRIES } from "../../src/github/factory-octokit.js";

const BOT = "factory[bot]";
const MONTH = new Date().toISOString().slice(0, 7);
const LEDGER = `factory/dispatch-${MONTH}.jsonl`;

/** acme/api with the automatic stages off and the given extra settings. */
const config = (extra = "") => `_extends: .github\n${extra}`;
/** The demo organisation's file with another budget (members and shares are read only from the organisation's file). */
const orgBudget = (budget: string) => readFileSync(new URL("../../fixtures/configs/demo-org.yml", import.meta.url), "utf8").replace(/^budget:[\s\S]*$/m, budget);

type SandboxIssue = { number: number; title: string; body: string | null; state: string; labels: Array<{ name: string }>; assignees?: Array<{ login: string }> };

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const issue = (n: number, repo = "api") => h.sandbox.issue("acme", repo, n) as unknown as SandboxIssue;
const labelsOf = (n: number, repo = "api") => issue(n, repo).labels.map((l) => l.name).sort();
const factoryComments = (n: number, repo = "api") => h.sandbox.comments("acme", repo, n).filter((c) => c.user.login === BOT);
const ledger = () => parseLedger(h.sandbox.file("acme", ".github", "factory-ledger", LEDGER) ?? "").entries;

/** A ready implementation issue. */
function child(params: { type?: string; what: string; severity?: string; extra?: string; repo?: string; criteria?: boolean }): number {
  const type = params.type ?? "security";
  return h.sandbox.as("mona").createIssue({
    owner: "acme",
    repo: params.repo ?? "api",
    title: `${type}(api): ${params.what}`,
    body: [`- \`internal/${params.what.split(" ")[0]}/x.go:1\``, "", params.extra ?? "", "", params.criteria === false ? "" : "## Acceptance criteria\n\n- [ ] it works"].join("\n"),
    labels: [`type:${type}`, `severity:${params.severity ?? "high"}`],
  }).number;
}

async function say(body: string, on: number, login = "mona", repo = "api") {
  const comment = h.sandbox.as(login).comment({ owner: "acme", repo, issue: on, body });
  await h.settle();
  return factoryComments(on, repo).find((c) => c.body.includes(`factory:reply comment=${comment.id} `))?.body ?? "";
}

/** Makes an epic of `children` with `/factory epic` and returns its number. */
async function epicOf(repo = "api"): Promise<number> {
  await say("/factory epic", 1, "mona", repo === "api" ? "api" : repo);
  const epics = (h.sandbox.issues("acme", repo) as unknown as SandboxIssue[]).filter((i) => (i.body ?? "").includes("factory:epic "));
  return epics[epics.length - 1]?.number as number;
}

describe("/factory dispatch", () => {
  it("without a token for Jules, hands nothing over and pays nothing, and says what to set up", async () => {
    h = await startFactory({ repoConfig: config(), env: {} });
    const made = [child({ what: "login limit" }), child({ what: "token limit" }), child({ what: "reset limit" })];
    const epic = await epicOf();
    const reply = await say("/factory dispatch phase 1", epic);
    for (const n of made) expect(reply).toContain(`#${n}: not handed to jules, nothing paid: Jules acts on a \`jules\` label added by a person, not by an app`);
    expect(ledger()).toEqual([]);
    for (const n of made) expect(labelsOf(n)).not.toContain("jules");
  });

  it("hands phase 1 to the agent: trigger, target-branch comment, label, one ledger line each, and a reply with the budget", async () => {
    h = await startFactory({ repoConfig: config() });
    const [a, b, c] = [child({ what: "login limit" }), child({ what: "token limit" }), child({ what: "reset limit" })];
    const epic = await epicOf();
    const phase1 = parseEpicBody(issue(epic).body ?? "").phases[0]?.children.map((x) => x.number) ?? [];
    expect(phase1.sort()).toEqual([a, b, c].sort());
    const reply = await say("/factory dispatch phase 1", epic);

    for (const n of [a, b, c]) {
      expect(labelsOf(n)).toEqual(expect.arrayContaining(["factory:dispatched", "jules"]));
      const comment = factoryComments(n).find((x) => x.body.includes("factory:dispatch "));
      expect(comment?.body.split("\n")[0]).toBe(`Target branch: \`epic/${epic}-security\` (epic #${epic})`);
    }
    const lines = ledger();
    expect(lines.map((line) => [line.issue, line.agent, line.member, line.epic, line.repo]).sort()).toEqual(
      [a, b, c].sort().map((n) => [n, "jules", "mona", epic, "acme/api"]),
    );
    expect(lines.map((line) => line.key).sort()).toEqual([a, b, c].sort().map((n) => `acme/api#${n}:1`));
    expect(reply).toContain("Dispatched 3 issues:");
    expect(reply).toContain(`- #${a} → **jules** on mona's quota, target \`epic/${epic}-security\``);
    expect(reply).toContain("pool 297 of 300 · acme/api 117 of 120 · jules 97 of 100");
    // Jules ignores labels added by apps: the label came from the token the organisation's file names for Jules (mona's).
    expect(reply).not.toContain("some agents ignore what a bot does");
    for (const n of [a, b, c]) {
      const labelled = h.sandbox.requests.entries.filter((e) => e.method === "POST" && e.path === `/repos/acme/api/issues/${n}/labels`).map((e) => e.actor);
      expect(labelled).toEqual(["mona", "factory[bot]"]);
    }

    // The same command again dispatches nothing and spends nothing.
    const again = await say("/factory dispatch phase 1", epic);
    expect(again).toContain("Dispatched nothing.");
    expect(again).toContain(`- #${a}: already dispatched`);
    expect(ledger()).toHaveLength(3);
  });

  it("stops when the budget runs out midway and names what was left out", async () => {
    h = await startFactory({ repoConfig: config(), orgConfig: orgBudget("budget:\n  members:\n    - login: mona\n      dailyQuota: 2\n  repoShare: 1\n") });
    const made = [child({ what: "a one", severity: "critical" }), child({ what: "b two" }), child({ what: "c three", severity: "low" })];
    const epic = await epicOf();
    const reply = await say("/factory dispatch #" + made.join(" #"), epic);
    expect(ledger().map((line) => line.issue).sort()).toEqual([made[0], made[1]].sort());
    expect(reply).toContain(`- #${made[2]}: budget: today's pool is used up (2 of 2)`);
    expect(labelsOf(made[2] as number)).not.toContain("factory:dispatched");
  });

  it("lets exactly one of two dispatches racing for the last unit of budget win", async () => {
    h = await startFactory({ repoConfig: config(), orgConfig: orgBudget("budget:\n  members:\n    - login: mona\n      dailyQuota: 1\n  repoShare: 1\n") });
    h.sandbox.createRepo({ owner: "acme", name: "web", language: "TypeScript", files: { ".github/factory.yml": config() } });
    h.sandbox.addCollaborator({ owner: "acme", repo: "web", login: "mona", permission: "write" });
    const apiChild = child({ what: "api thing" });
    const webChild = child({ what: "web thing", repo: "web" });
    // Each repository gets an epic of its own (three children so an epic is made).
    child({ what: "api more", severity: "low" });
    child({ what: "api most", severity: "low" });
    child({ what: "web more", severity: "low", repo: "web" });
    child({ what: "web most", severity: "low", repo: "web" });
    h.sandbox.as("mona").createIssue({ owner: "acme", repo: "web", title: "Tracking", body: "" });
    const apiEpic = await epicOf();
    const webEpic = await epicOf("web");
    // Both jobs read the ledger before either writes: the sandbox holds each write back a little.
    h.sandbox.faults.add({ method: "PUT", route: "/repos/{owner}/{repo}/contents/{path}", latencyMs: 150, times: 2 });
    const one = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: apiEpic, body: `/factory dispatch #${apiChild}` });
    const two = h.sandbox.as("mona").comment({ owner: "acme", repo: "web", issue: webEpic, body: `/factory dispatch #${webChild}` });
    await h.settle();
    expect(ledger()).toHaveLength(1);
    const winner = ledger()[0];
    const replies = [
      factoryComments(apiEpic, "api").find((c) => c.body.includes(`comment=${one.id} `))?.body ?? "",
      factoryComments(webEpic, "web").find((c) => c.body.includes(`comment=${two.id} `))?.body ?? "",
    ];
    const loser = winner?.repo === "acme/api" ? replies[1] : replies[0];
    expect(loser).toContain("budget: today's pool is used up (1 of 1)");
    expect(loser).toContain("Another dispatch wrote the ledger at the same time");
    const dispatchedLabels = [labelsOf(apiChild, "api"), labelsOf(webChild, "web")].filter((labels) => labels.includes("factory:dispatched"));
    expect(dispatchedLabels).toHaveLength(1);
  });

  it("adds a Jules-style label as the member when a member token is configured", async () => {
    const sandboxToken = { value: "" };
    h = await startFactory({ repoConfig: config(), env: new Proxy({}, { get: (_t, name) => (name === "JULES_TOKEN" ? sandboxToken.value : undefined) }) as NodeJS.ProcessEnv });
    sandboxToken.value = h.sandbox.createUserToken("mona");
    const made = [child({ what: "one a" }), child({ what: "two b" }), child({ what: "three c" })];
    const epic = await epicOf();
    const reply = await say("/factory dispatch next", epic);
    const labelled = h.sandbox.webhooks.log.filter((d) => d.name === "issues" && d.action === "labeled" && (d.payload.label as { name: string }).name === "jules");
    expect(labelled.map((d) => [(d.payload.issue as { number: number }).number, (d.payload.sender as { login: string }).login]).sort()).toEqual(made.sort().map((n) => [n, "mona"]));
    expect(reply).not.toContain("some agents ignore what a bot does");
  });

  it("assigns an assignment-triggered agent (Copilot) through GraphQL with the member's token", async () => {
    const env: NodeJS.ProcessEnv = {};
    h = await startFactory({
      repoConfig: config("agents:\n  - name: jules\n    issueTypes: [security]\n  - name: copilot\n    issueTypes: [docs, testing]\n"),
      // Member tokens are read only from the organisation's file.
      orgConfig: "agents:\n  - name: jules\n  - name: copilot\n    tokenEnv: COPILOT_TOKEN\nbudget:\n  members:\n    - login: mona\n",
      env,
    });
    h.sandbox.createUser("Copilot", { type: "Bot" });
    env.COPILOT_TOKEN = h.sandbox.createUserToken("mona");
    const made = [child({ type: "testing", what: "alpha cover" }), child({ type: "testing", what: "beta cover" }), child({ type: "testing", what: "gamma cover" })];
    const epic = await epicOf();
    const reply = await say("/factory dispatch next", epic);
    for (const n of made) expect(issue(n).assignees?.map((a) => a.login)).toEqual(["Copilot"]);
    expect(reply).toContain(`- #${made[0]} → **copilot**`);
    expect(ledger().map((line) => line.agent)).toEqual(["copilot", "copilot", "copilot"]);
  });

  it("refuses a user without write permission and changes nothing", async () => {
    h = await startFactory({ repoConfig: config() });
    for (const what of ["one a", "two b", "three c"]) child({ what });
    const epic = await epicOf();
    const reply = await say("/factory dispatch next", epic, "visitor");
    expect(reply).toContain("needs **write** permission");
    expect(ledger()).toEqual([]);
  });

  it("skips children with open dependencies or failing the readiness check, and says why", async () => {
    h = await startFactory({ repoConfig: config() });
    const outside = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "Upstream fix", body: "" }).number;
    const blocked = child({ what: "blocked one", extra: `Depends on #${outside}` });
    const vague = child({ what: "vague two", criteria: false });
    const asking = child({ what: "asking three", extra: "## Open questions\n\n- [ ] which limit?\n" });
    const fine = child({ what: "fine four" });
    const epic = await epicOf();
    const reply = await say(`/factory dispatch #${blocked} #${vague} #${asking} #${fine}`, epic);
    expect(reply).toContain(`- #${blocked}: waiting for #${outside} (still open)`);
    expect(reply).toContain(`- #${vague}: not ready: no acceptance criteria`);
    expect(reply).toContain(`- #${asking}: not ready: 1 open question under “Open questions”`);
    expect(ledger().map((line) => line.issue)).toEqual([fine]);
  });

  it("finishes a dispatch the ledger paid for when the trigger failed, without paying again", async () => {
    h = await startFactory({ repoConfig: config() });
    const made = [child({ what: "one a" }), child({ what: "two b" }), child({ what: "three c" })];
    const epic = await epicOf();
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/labels", status: 502, times: 1 + REPEATABLE_RETRIES });
    const first = await say("/factory dispatch next", epic);
    expect(first).toContain("Paid for but not handed over");
    expect(ledger()).toHaveLength(3);
    const second = await say("/factory dispatch next", epic);
    expect(second).toContain("finishing a dispatch the ledger had already paid for");
    expect(ledger()).toHaveLength(3);
    for (const n of made) expect(labelsOf(n)).toContain("factory:dispatched");
  });

  it("dispatches nothing while paused, and again after resume", async () => {
    h = await startFactory({ repoConfig: config() });
    for (const what of ["one a", "two b", "three c"]) child({ what });
    const epic = await epicOf();
    // A dry run of either kind of pause changes nothing.
    expect(await say("/factory pause --dry-run", epic)).toContain(`Dry run: this would pause epic #${epic} (label \`factory:paused\`). Nothing was changed.`);
    expect(await say("/factory pause --dry-run", 1)).toContain("Dry run: this would pause dispatching in acme/api. Nothing was changed.");
    expect(labelsOf(epic)).not.toContain("factory:paused");
    expect(h.sandbox.file("acme", ".github", "factory-ledger", "factory/paused.json")).toBeUndefined();
    expect(await say("/factory pause", epic)).toContain(`Paused epic #${epic}`);
    expect(labelsOf(epic)).toContain("factory:paused");
    expect(await say("/factory dispatch next", epic)).toContain(`Nothing was dispatched: dispatching is paused for epic #${epic}`);
    expect(await say("/factory pause", 1)).toContain("Paused acme/api");
    expect(await say("/factory resume", epic)).toContain(`Resumed epic #${epic}`);
    expect(await say("/factory dispatch next", epic)).toContain("Nothing was dispatched: dispatching is paused for this repository");
    expect(await say("/factory resume", 1)).toContain("Resumed acme/api");
    expect(await say("/factory dispatch next", epic)).toContain("Dispatched 3 issues");
    expect(ledger()).toHaveLength(3);
  });

  it("answers budget questions from the ledger", async () => {
    h = await startFactory({ repoConfig: config() });
    for (const what of ["one a", "two b", "three c"]) child({ what });
    const epic = await epicOf();
    await say("/factory dispatch next", epic);
    expect(await say("/factory budget", 1)).toContain("| mona | 3 | 297 of 300 |");
    expect(await say("/factory budget --team", 1)).toContain("| mona | 300 | 3 | 297 | jules 3 |");
    const history = await say("/factory budget --history", 1);
    expect(history).toContain(`| ${new Date().toISOString().slice(0, 10)} | 3 | 3 | 300 |`);
    expect(await say("/factory budget --forecast 30", 1)).toContain("Every open epic's children are dispatched already.");
    child({ what: "four d", severity: "low" });
    await say("/factory epic", 1);
    const plan = await say("/factory budget --plan", 1);
    expect(plan).toContain("If `/factory dispatch next` ran on every open epic");
  });
});
