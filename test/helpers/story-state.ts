import { parseLedger } from "../../src/model/ledger-entry.js";
import type { FactoryHarness } from "./factory-harness.js";
import { readyIssue } from "./ready-issue.js";
import type { AgentActor, Sandbox } from "@factory/sandbox";

/*
 * The story several scenario files tell — four ready issues, `/factory
 * epic`, `/factory dispatch next`, an agent at work, a merge, `/factory
 * sync` — and what it leaves on GitHub, to compare a run against the run
 * nobody disturbed.
 */

export const BOT = "factory[bot]";
const MONTH = new Date().toISOString().slice(0, 7);
export const LEDGER = `factory/dispatch-${MONTH}.jsonl`;
export const JOURNAL = `factory/journal-${MONTH}.jsonl`;
/** The repository's file: everything else comes from the organisation's. */
export const CONFIG = "_extends: .github\n";
/** The organisation's file of the agent story: jules takes the work, triggered with mona's token. */
export const ORG_CONFIG = ["agents:", "  - name: jules", "budget:", "  members:", "    - login: mona", "      dailyQuota: 50", "      tokenEnv: MONA_TOKEN", "  repoShare: 1", ""].join("\n");
/** Factory's comments that answer a command or tell of a failure: the crash runs have more commands, so more of these. */
export const ANSWERS = /<!-- factory:(reply|notice|error)\b/;

type Issue = { number: number; title: string; state: string; body: string | null; labels: Array<{ name: string }>; pull_request?: unknown };

/** What the story leaves on GitHub, without what depends on how many commands were typed. */
export function finalState(sandbox: Sandbox) {
  const snapshot = sandbox.snapshot();
  // Pull requests are compared by branch (below): GitHub numbers them in the order the agent happens to open them.
  const issues = (sandbox.issues("acme", "api") as unknown as Issue[]).filter((issue) => !issue.pull_request).map((issue) => ({
    number: issue.number,
    title: issue.title,
    state: issue.state,
    // `factory:dispatched` says a child is in an agent's hands; one merged before a dying hand-over added it keeps none, and needs none.
    labels: issue.labels.map((l) => l.name).filter((l) => !(issue.state === "closed" && l === "factory:dispatched")).sort(),
    parent: (snapshot.issues as Array<{ repo: string; number: number; parent: number | null }>).find((i) => i.repo === "acme/api" && i.number === issue.number)?.parent ?? null,
    factoryComments: sandbox
      .comments("acme", "api", issue.number)
      .filter((c) => c.user.login === BOT && !ANSWERS.test(c.body))
      // The one wording that may differ: a ready comment posted after a crash cannot say which commit the branch, made by the run that died, started from.
      .map((c) => c.body.replace(/, from `[^`]+` at `[0-9a-f]{7}`/g, ""))
      .sort(),
  }));
  const ledger = parseLedger(sandbox.file("acme", ".github", "factory-ledger", LEDGER) ?? "").entries.map((e) => `${e.issue}:${e.agent}:${e.member}`).sort();
  const journal = (sandbox.file("acme", ".github", "factory-ledger", JOURNAL) ?? "")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { key: string; outcome?: string }).key)
    .sort();
  const pulls = sandbox
    .snapshot()
    .pulls.filter((p) => p.repo === "acme/api")
    .map((p) => `${p.head}->${p.base}:${p.merged}:${sandbox.comments("acme", "api", p.number).filter((c) => c.user.login === BOT).length} comments by Factory`)
    .sort();
  return { issues, branches: sandbox.branches("acme", "api").map((b) => b.name).sort(), ledger, journal, pulls };
}

/** Four ready issues by mona, for `/factory epic` to group. */
export function seedChildren(h: FactoryHarness): void {
  for (const what of ["login has no rate limit", "token refresh has no rate limit", "signup has no captcha", "password reset has no rate limit"]) readyIssue(h, what);
}

/** Posts a command and waits; returns whether Factory answered it. */
export async function say(h: FactoryHarness, body: string, on: number): Promise<boolean> {
  const comment = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
  return h.sandbox.comments("acme", "api", on).some((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${comment.id} `));
}

/** The epic Factory opened, if any. */
export const epicOf = (sandbox: Sandbox) => (sandbox.issues("acme", "api") as unknown as Issue[]).find((i) => (i.body ?? "").includes("factory:epic "))?.number;

/** Dispatch to jules, jules opens pull requests, the first child's is merged. Safe to run again after a restart: commands answered are not asked again. */
export async function agentStory(h: FactoryHarness, jules: AgentActor, answered = { epic: false, dispatch: false }) {
  if (!answered.epic) answered.epic = await say(h, "/factory epic", 1);
  const epic = epicOf(h.sandbox);
  if (epic !== undefined && !answered.dispatch && !h.dead()) answered.dispatch = await say(h, "/factory dispatch next", epic);
  await jules.work();
  await h.settle();
  const first = jules.tasks.find((task) => task.pull !== undefined);
  const pull = first?.pull === undefined ? undefined : h.sandbox.snapshot().pulls.find((p) => p.repo === "acme/api" && p.number === first.pull);
  if (pull && !pull.merged) h.sandbox.as("mona").mergePullRequest({ owner: "acme", repo: "api", pull: pull.number });
  await h.settle();
  return answered;
}
