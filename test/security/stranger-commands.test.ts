import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { VirtualClock } from "../helpers/virtual-clock.js";

/**
 * Strangers' cost (SPEC §5): people without the command permission get at
 * most one answer per person, issue and hour — the reply alone — and then
 * nothing, so they cannot spend the installation's paced writes. Each story
 * has its control: the maintainer doing the same is answered every time.
 */
let h: FactoryHarness;
let clock: VirtualClock;
beforeEach(async () => {
  clock = new VirtualClock();
  h = await startFactory({ clock });
  h.sandbox.createUser("drifter");
});
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const BOT = "factory[bot]";
const HOUR = 60 * 60_000;

function replies(issue: number) {
  return h.sandbox.comments("acme", "api", issue).filter((c) => c.user.login === BOT);
}

function factoryReactions(issue: number) {
  const ids = h.sandbox.comments("acme", "api", issue).filter((c) => c.user.login !== BOT).map((c) => c.id);
  return ids.flatMap((commentId) => h.sandbox.reactions("acme", "api", { commentId })).filter((r) => r.user.login === BOT);
}

/**
 * Requests since `from` that could spend the installation's paced writes:
 * REST calls other than GET (the installation-token exchange is not paced)
 * and every GraphQL request, counted as a mutation to be safe.
 */
function writesSince(from: number): string[] {
  return h.sandbox.requests.entries
    .slice(from)
    .filter((r) => r.route === "POST /graphql" || (r.method !== "GET" && r.route !== "POST /app/installations/{installation_id}/access_tokens"))
    .map((r) => r.route);
}

/** Posts `body` as `login` `times` times on `issue`, as fast as they can type, then lets Factory finish. */
async function comment(login: string, body: string, issue: number, times = 1) {
  const made = Array.from({ length: times }, () => h.sandbox.as(login).comment({ owner: "acme", repo: "api", issue, body }));
  await h.settle();
  return made;
}

function newIssue(title: string): number {
  return h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title, body: "" }).number;
}

describe("commands from people without the permission", () => {
  it("answers a stranger's 40 `/factory help` once, with one write; the maintainer's 40 all", async () => {
    const issue = newIssue("Question about the API");
    const logged = h.sandbox.requests.entries.length;
    await comment("drifter", "/factory help", issue, 40);
    expect(replies(issue)).toHaveLength(1);
    expect(replies(issue)[0]?.body).toContain("/factory dispatch phase N");
    // No reaction at all: the reply is the only write (before this rule: 120, a reply and two reactions each).
    expect(factoryReactions(issue)).toEqual([]);
    expect(writesSince(logged)).toEqual(["POST /repos/{owner}/{repo}/issues/{issue_number}/comments"]);

    // Control: the same 40 from the maintainer are each answered, 👀 then 🚀.
    const other = newIssue("Maintainer's notes");
    const mine = await comment("mona", "/factory help", other, 40);
    expect(replies(other)).toHaveLength(40);
    for (const { id } of mine) {
      expect(replies(other).filter((c) => c.body.includes(`factory:reply comment=${id} `))).toHaveLength(1);
      expect(h.sandbox.reactions("acme", "api", { commentId: id }).map((r) => r.content).sort()).toEqual(["eyes", "rocket"]);
    }
  });

  it("answers the stranger again an hour later, and on another issue at once", async () => {
    const issue = newIssue("Question about the API");
    await comment("drifter", "/factory help", issue, 3);
    expect(replies(issue)).toHaveLength(1);

    const other = newIssue("Another question");
    await comment("drifter", "/factory status", other, 3);
    expect(replies(other)).toHaveLength(1);
    expect(replies(other)[0]?.body).toContain("No open epic in this repository.");

    await clock.sleep(HOUR - 60_000);
    await comment("drifter", "/factory help", issue);
    expect(replies(issue)).toHaveLength(1);

    await clock.sleep(60_000);
    await comment("drifter", "/factory help", issue, 3);
    expect(replies(issue)).toHaveLength(2);
    expect(replies(other)).toHaveLength(1);
    expect(factoryReactions(issue)).toEqual([]);
  });

  it("refuses a read-only user's state-changing command once, then says nothing", async () => {
    const issue = h.world.audits[0] as number;
    const before = h.sandbox.snapshot();
    const logged = h.sandbox.requests.entries.length;
    await comment("visitor", "/factory audit", issue);
    await comment("visitor", "/factory dispatch next\n/factory help", issue);
    await comment("visitor", "/factory audit", issue, 5);
    expect(replies(issue)).toHaveLength(1);
    expect(replies(issue)[0]?.body).toMatch(/needs \*\*write\*\* permission; you have \*\*read\*\*/);
    expect(factoryReactions(issue)).toEqual([]);
    expect(writesSince(logged)).toEqual(["POST /repos/{owner}/{repo}/issues/{issue_number}/comments"]);
    expect(h.sandbox.snapshot().issues.length).toBe(before.issues.length);

    // Control: the maintainer's audit on the same issue runs (and is answered), the visitor's silence notwithstanding.
    await comment("mona", "/factory audit", issue);
    expect(replies(issue).length).toBeGreaterThan(1);
    expect(h.sandbox.snapshot().issues.length).toBeGreaterThan(before.issues.length);
  });

  it("shows the members' logins and quotas only to people with the permission", async () => {
    const team = newIssue("Who pays?");
    await comment("visitor", "/factory budget --team", team);
    const refused = replies(team)[0]?.body ?? "";
    expect(refused).toMatch(/lists the members and their quotas, so it needs \*\*write\*\* permission; you have \*\*read\*\*/);
    expect(refused).not.toContain("mona");

    const plain = newIssue("How much is left?");
    await comment("visitor", "/factory budget", plain);
    expect(replies(plain)[0]?.body).toMatch(/needs \*\*write\*\* permission/);
    expect(replies(plain)[0]?.body).not.toContain("mona");

    // Views without members stay open.
    const history = newIssue("How busy was last week?");
    await comment("visitor", "/factory budget --history", history);
    expect(replies(history)[0]?.body).toContain("Dispatches over the last 7 UTC days");
    expect(replies(history)[0]?.body).not.toContain("mona");

    // Control: the maintainer sees the team.
    const mine = await comment("mona", "/factory budget --team", team);
    const answer = replies(team).find((c) => c.body.includes(`factory:reply comment=${mine[0]?.id} `))?.body ?? "";
    expect(answer).toContain("| mona | 300 | 0 | 300 | — |");
  });
});
