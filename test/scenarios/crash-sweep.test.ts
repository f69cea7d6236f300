import { describe, expect, it } from "vitest";
import { fixedIdentity } from "../../src/github/app-identity.js";
import { parseLedger } from "../../src/model/ledger-entry.js";
import { repairDeliveriesOnce } from "../../src/stages/monitor/sweep.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import type { Sandbox } from "@factory/sandbox";

/*
 * Factory killed at every write of a story — `/factory epic` on four issues,
 * then `/factory dispatch next` on the epic — and started again: at start-up
 * it asks GitHub for the webhooks it missed (as the app does), the
 * maintainer runs again each command that got no answer, and `/factory
 * sync`. Every run ends in the state of the run nobody killed: the same
 * issues, labels, sub-issues, branches, ledger lines and Factory comments,
 * nothing twice and nothing lost.
 */

const BOT = "factory[bot]";
const MONTH = new Date().toISOString().slice(0, 7);
const LEDGER = `factory/dispatch-${MONTH}.jsonl`;
const CONFIG = "_extends: .github\n";
/** Factory's comments that answer a command or tell of a failure: the crash runs have more commands, so more of these. */
const ANSWERS = /<!-- factory:(reply|notice|error)\b/;

type Issue = { number: number; title: string; state: string; body: string | null; labels: Array<{ name: string }> };

/** What the story leaves on GitHub, without what depends on how many commands were typed. */
function finalState(sandbox: Sandbox) {
  const snapshot = sandbox.snapshot();
  const issues = (sandbox.issues("acme", "api") as unknown as Issue[]).map((issue) => ({
    number: issue.number,
    title: issue.title,
    state: issue.state,
    labels: issue.labels.map((l) => l.name).sort(),
    parent: (snapshot.issues as Array<{ repo: string; number: number; parent: number | null }>).find((i) => i.repo === "acme/api" && i.number === issue.number)?.parent ?? null,
    factoryComments: sandbox
      .comments("acme", "api", issue.number)
      .filter((c) => c.user.login === BOT && !ANSWERS.test(c.body))
      // The one wording that may differ: a ready comment posted after a crash cannot say which commit the branch, made by the run that died, started from.
      .map((c) => c.body.replace(/, from `[^`]+` at `[0-9a-f]{7}`/g, ""))
      .sort(),
  }));
  const ledger = parseLedger(sandbox.file("acme", ".github", "factory-ledger", LEDGER) ?? "").entries.map((e) => `${e.issue}:${e.agent}:${e.member}`).sort();
  return { issues, branches: sandbox.branches("acme", "api").map((b) => b.name).sort(), ledger };
}

function seedChildren(h: FactoryHarness): void {
  for (const what of ["login has no rate limit", "token refresh has no rate limit", "signup has no captcha", "password reset has no rate limit"]) {
    h.sandbox.as("mona").createIssue({
      owner: "acme",
      repo: "api",
      title: `security(api): ${what}`,
      body: `- \`internal/${what.split(" ")[0]}/x.go:1\`\n\n## Acceptance criteria\n\n- [ ] it works`,
      labels: ["type:security", "severity:high"],
    });
  }
}

/** Posts a command and waits; returns whether Factory answered it. */
async function say(h: FactoryHarness, body: string, on: number): Promise<boolean> {
  const comment = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
  return h.sandbox.comments("acme", "api", on).some((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${comment.id} `));
}

const epicOf = (sandbox: Sandbox) => (sandbox.issues("acme", "api") as unknown as Issue[]).find((i) => (i.body ?? "").includes("factory:epic "))?.number;

/** The story; returns which commands got an answer. */
async function story(h: FactoryHarness): Promise<{ epic: boolean; dispatch: boolean }> {
  const epicAnswered = await say(h, "/factory epic", 1);
  const epic = epicOf(h.sandbox);
  const dispatchAnswered = epic !== undefined && !h.dead() ? await say(h, "/factory dispatch next", epic) : false;
  return { epic: epicAnswered, dispatch: dispatchAnswered };
}

describe("a Factory killed at any write of a story, then started again", () => {
  it("ends every run in the state of the run nobody killed", { timeout: 600_000 }, async () => {
    const clean = await startFactory({ repoConfig: CONFIG, realRetries: false });
    seedChildren(clean);
    expect(await story(clean)).toEqual({ epic: true, dispatch: true });
    const expected = finalState(clean.sandbox);
    expect(expected.ledger).toHaveLength(4);
    const writes = clean.sandbox.requests.entries.filter((e) => e.method !== "GET" && !String(e.path).includes("/access_tokens")).length;
    expect(writes).toBeGreaterThan(20);

    const diverged: string[] = [];
    const only = process.env.CRASH_AT ? [Number(process.env.CRASH_AT)] : Array.from({ length: writes }, (_, i) => i + 1);
    for (const k of only) {
      const first = await startFactory({ repoConfig: CONFIG, realRetries: false, killAtWrite: k });
      seedChildren(first);
      const answered = await story(first);
      expect(first.dead()).toBe(true);
      const second = await startFactory({ sandbox: first.sandbox, world: first.world, realRetries: false });
      await second.run(repairDeliveriesOnce({ app: second.probot, deps: { identity: fixedIdentity({ login: BOT }) }, log: second.probot.log, since: new Date(0) }));
      await second.settle();
      if (!answered.epic) await say(second, "/factory epic", 1);
      const epic = epicOf(second.sandbox);
      if (epic !== undefined) await say(second, "/factory sync", epic);
      if (epic !== undefined && !answered.dispatch) await say(second, "/factory dispatch next", epic);
      const got = finalState(second.sandbox);
      if (JSON.stringify(got) !== JSON.stringify(expected)) diverged.push(`killed at write ${k}: ${JSON.stringify(got).slice(0, 300)}`);
      expect(second.sandbox.violations).toEqual([]);
      // CRASH_AT=k runs one kill point and shows the difference in full.
      if (process.env.CRASH_AT) expect(got).toEqual(expected);
    }
    expect(diverged).toEqual([]);
    if (process.env.LIST_WRITES) console.log(`${only.length} kill points, all converged`);
  });
});
