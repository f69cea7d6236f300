import { afterEach, describe, expect, it } from "vitest";
import { parseLedger } from "../../src/model/ledger-entry.js";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";

/** A pull request no CI has reported on waits for it (green is never inferred from absence). */
const WAITING_FOR_CI = "waiting for CI: no check run or commit status has reported on this head yet (set `merge.withoutCI` for a repository without CI)";
import { startCliSandbox, stateOf, type CliSandbox } from "./cli-sandbox.js";

const LEDGER = `factory/dispatch-${new Date().toISOString().slice(0, 7)}.jsonl`;

let s: CliSandbox | undefined;
afterEach(async () => {
  if (!s) return;
  expect(s.sandbox.violations).toEqual([]);
  await s.close();
  s = undefined;
});

const ledger = (sandbox: CliSandbox) => parseLedger(sandbox.sandbox.file("acme", ".github", "factory-ledger", LEDGER) ?? "").entries;

describe("factory status", () => {
  it("says when the repository has no open epic, then shows every open epic's phases and children", async () => {
    s = await startCliSandbox();
    expect(await s.run(["status", "acme/api"])).toEqual({ out: "No open epic in acme/api.\n", err: "" });
    const [epic] = await s.makeEpic();
    const { out, error } = await s.run(["status", "acme/api"]);
    expect(error).toBeUndefined();
    expect(out).toContain("acme/api: 1 open epic");
    expect(out).toContain(`#${epic} **epic(security): 4 issues from audits #1, #2** on \`epic/${epic}-security\``);
    expect(out).toMatch(/- Phase 1: Foundations \(blocking\) — 0\/1 done\n {2}- #\d+: not dispatched/);
  });

  it("shows one epic, as JSON too, and refuses an issue that is not an epic", async () => {
    s = await startCliSandbox();
    const [epic] = await s.makeEpic();
    const text = await s.run(["status", "acme/api", `#${epic}`]);
    expect(text.out.startsWith(`**epic(security): 4 issues from audits #1, #2** on \`epic/${epic}-security\`\n`)).toBe(true);
    const json = JSON.parse((await s.run(["status", "acme/api", String(epic), "--json"])).out);
    const phases = parseEpicBody(s.sandbox.issue("acme", "api", epic as number).body ?? "").phases;
    expect(Object.keys(json)).toEqual(["repo", "epics"]);
    expect(json.repo).toBe("acme/api");
    expect(json.epics).toHaveLength(1);
    expect(json.epics[0]).toMatchObject({ number: epic, title: "epic(security): 4 issues from audits #1, #2", branch: `epic/${epic}-security` });
    expect(json.epics[0].phases.map((p: { number: number; name: string; kind: string; done: number; total: number }) => [p.number, p.name, p.kind, p.done, p.total])).toEqual(
      phases.map((p) => [p.number, p.name, p.kind, 0, p.children.length]),
    );
    expect(json.epics[0].phases[0].children).toEqual([{ number: phases[0]?.children[0]?.number, state: "open", dispatched: false }]);
    expect((await s.run(["status", "acme/api", "1"])).error?.message).toBe(
      "acme/api#1 is not one of Factory's epics (made by its app, or taken over with /factory adopt): run factory status acme/api for the open epics",
    );
    expect((await s.run(["status", "acme/api", "999"])).error?.message).toBe("acme/api#999 does not exist");
    expect((await s.run(["status", "acme/nope"])).error?.message).toBe("acme/nope was not found, or the credentials cannot see it");
  });

  it("gives every open epic as JSON: a dispatched child's pull request and what it waits for", async () => {
    s = await startCliSandbox();
    const { epic, phases } = await s.dispatchedEpic();
    const first = phases[0]?.children[0]?.number as number;
    const branch = `epic/${epic}-security`;
    const pull = s.sandbox
      .as("mona")
      .openPullRequest({ owner: "acme", repo: "api", head: `fix-${first}`, base: branch, title: "Fix it", body: `Fixes #${first}`, files: { "changes/fix.md": "fix\n" } }).number;

    const { out, error } = await s.run(["status", "acme/api", "--json"]);
    expect(error).toBeUndefined();
    const json = JSON.parse(out);
    expect(json.repo).toBe("acme/api");
    expect(json.epics.map((e: { number: number }) => e.number)).toEqual([epic]);
    const [status] = json.epics;
    expect(status.branch).toBe(branch);
    expect(status.phases[0]).toEqual({
      number: 1,
      name: "Foundations",
      kind: "blocking",
      done: 0,
      total: 1,
      children: [{ number: first, state: "open", dispatched: true, pull: { number: pull, state: "open" }, waiting: WAITING_FOR_CI }],
    });
    const second = status.phases[1];
    expect(second.done).toBe(0);
    expect(second.children.map((c: { number: number; state: string; dispatched: boolean; pull?: unknown }) => [c.number, c.state, c.dispatched, c.pull])).toEqual(
      phases[1]?.children.map((c) => [c.number, "open", false, undefined]),
    );
    // The text says the same.
    expect((await s.run(["status", "acme/api", String(epic)])).out).toContain(`  - #${first}: #${pull} open: ${WAITING_FOR_CI}\n`);
  });
});

describe("factory plan", () => {
  it("prints the audits' findings, the epic plan and the dispatch plan, and writes nothing", async () => {
    s = await startCliSandbox();
    const before = stateOf(s.sandbox);
    const { out, err, error } = await s.run(["plan", "acme/api"]);
    expect(error).toBeUndefined();
    expect(err).toBe("");
    expect(stateOf(s.sandbox)).toEqual(before);
    expect(out).toContain("== Audits: /factory audit all --dry-run ==");
    expect(out).toContain("| security(server): no rate limiting on the webhook endpoint | `severity:high` `type:security`");
    expect(out).toContain("| security(server): secrets logged at debug level | `severity:critical`");
    expect(out).toContain("| testing(api): internal/api/users.go has no tests |");
    expect(out).toContain("- comment the list of issues here and close #2 as completed.");
    expect(out).toContain("== Epics: /factory epic --dry-run ==");
    expect(out).toContain("No open epic to dispatch.");
  });

  it("plans dispatch next on each open epic, as JSON, still writing nothing", async () => {
    s = await startCliSandbox();
    const [epic] = await s.makeEpic();
    const child = parseEpicBody(s.sandbox.issue("acme", "api", epic as number).body ?? "").phases[0]?.children[0]?.number;
    const before = stateOf(s.sandbox);
    const { out, error } = await s.run(["plan", "acme/api", "--json"]);
    expect(error).toBeUndefined();
    expect(stateOf(s.sandbox)).toEqual(before);
    const plan = JSON.parse(out);
    expect(Object.keys(plan)).toEqual(["repo", "audits", "epics", "dispatch"]);
    expect(plan.repo).toBe("acme/api");
    expect(plan.audits).toEqual([]);
    expect(plan.epics).toMatchObject({ epics: [], extensions: [], direct: [], cycles: [] });
    expect(plan.dispatch).toHaveLength(1);
    expect(plan.dispatch[0]).toMatchObject({
      epic,
      title: "epic(security): 4 issues from audits #1, #2",
      dispatches: [{ child, agent: "jules", member: "mona", branch: `epic/${epic}-security`, repair: false }],
      skipped: [],
      // The budget as the plan would leave it: its one dispatch counted.
      budget: { pool: 300, used: 1, repo: { name: "acme/api", used: 1, cap: 120 } },
    });
    expect(plan.dispatch[0].text).toContain(`Would dispatch 1 issue:\n- #${child} → **jules** on mona's quota`);
    // The writes themselves, in the one describer's words: payment first, then the child's hand-over.
    expect(plan.dispatch[0].writes).toEqual([
      expect.stringMatching(/^pay for a dispatch in the ledger `[^`]+dispatch-\d{4}-\d{2}\.jsonl`$/),
      `label #${child} \`jules\` (as the owner of \`JULES_TOKEN\`)`,
      `comment on #${child} its target branch and whose quota pays`,
      `label #${child} \`factory:dispatched\``,
    ]);
    expect(ledger(s)).toEqual([]);
  });

  it("gives the audits' findings as JSON before any issue exists", async () => {
    s = await startCliSandbox();
    const plan = JSON.parse((await s.run(["plan", "acme/api", "--json"])).out);
    expect(plan.audits.map((a: { number: number; findings: number; alreadyTracked: number }) => [a.number, a.findings, a.alreadyTracked])).toEqual([
      [1, 2, 0],
      [2, 2, 0],
    ]);
    expect(plan.audits[0].text).toContain("security(server): no rate limiting on the webhook endpoint");
    expect(plan.dispatch).toEqual([]);
  });
});

describe("factory budget", () => {
  it("answers --history and --team from the ledger the organisation's dispatches wrote", async () => {
    s = await startCliSandbox();
    const [epic] = await s.makeEpic();
    await s.dispatchNext(epic as number);
    expect(ledger(s)).toHaveLength(1);
    const today = new Date().toISOString().slice(0, 10);

    const history = await s.run(["budget", "--org", "acme", "--repo", "api", "--history"]);
    expect(history.error).toBeUndefined();
    expect(history.out).toContain(`| ${today} | 1 | 1 | 300 |`);

    const team = await s.run(["budget", "--org", "acme", "--team"]);
    expect(team.out).toContain("pool 299 of 300");
    expect(team.out).toMatch(/\| mona \| 300 \| 1 \| 299 \| jules 1 \|/);

    const json = JSON.parse((await s.run(["budget", "--org", "acme", "--team", "--json"])).out);
    expect(json).toEqual({
      org: "acme",
      view: "team",
      repo: "acme/.github",
      day: today,
      pool: { quota: 300, used: 1, left: 299 },
      // The dispatch was in acme/api: none of acme/.github's share is spent.
      repoShare: { share: 0.4, quota: 120, used: 0, left: 120 },
      members: [{ login: "mona", quota: 300, used: 1, left: 299, byAgent: [{ agent: "jules", used: 1 }] }],
      agents: [
        { name: "jules", quota: 100, used: 1, left: 99 },
        { name: "copilot", quota: 50, used: 0, left: 50 },
      ],
    });

    const historyJson = JSON.parse((await s.run(["budget", "--org", "acme", "--repo", "api", "--history", "--json"])).out);
    expect(historyJson.org).toBe("acme");
    expect(historyJson.view).toBe("history");
    expect(historyJson.repo).toBe("acme/api");
    expect(historyJson.days).toHaveLength(7);
    expect(historyJson.days[0]).toEqual({ day: today, dispatched: 1, here: 1, pool: 300 });
    expect(historyJson.days.slice(1).map((d: { dispatched: number }) => d.dispatched)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("gives today's figures after a dispatch and the forecast as JSON", async () => {
    s = await startCliSandbox();
    const [epic] = (await s.makeEpic()) as [number];
    await s.dispatchNext(epic);
    const summary = JSON.parse((await s.run(["budget", "--org", "acme", "--repo", "api", "--json"])).out);
    expect(summary.org).toBe("acme");
    expect(summary.view).toBe("summary");
    expect(summary.repo).toBe("acme/api");
    expect(summary.members).toEqual([{ login: "mona", quota: 300, used: 1, left: 299 }]);
    expect(summary.pool).toEqual({ quota: 300, used: 1, left: 299 });
    expect(summary.repoShare).toEqual({ share: 0.4, quota: 120, used: 1, left: 119 });
    expect(summary.agents[0]).toEqual({ name: "jules", quota: 100, used: 1, left: 99 });

    // Three children of the epic are not dispatched yet; one dispatch in 7 days is a pace of 1/7 a day.
    const forecast = JSON.parse((await s.run(["budget", "--org", "acme", "--repo", "api", "--forecast", "3", "--json"])).out);
    expect(forecast).toMatchObject({ org: "acme", view: "forecast", repo: "acme/api", remaining: 3, horizon: 3, basis: "recent", daysNeeded: 21 });
    expect(forecast.observed).toBeCloseTo(1 / 7);
    expect(forecast.pace).toBeCloseTo(1 / 7);
    expect(forecast.pool).toEqual({ quota: 300, used: 1, left: 299 });
  });

  it("plans without writing, and refuses two views at once or a bad forecast", async () => {
    s = await startCliSandbox();
    const [epic] = await s.makeEpic();
    const before = stateOf(s.sandbox);
    const plan = await s.run(["budget", "--org", "acme", "--repo", "api", "--plan"]);
    expect(plan.out).toContain(`- #${epic}: #`);
    const first = parseEpicBody(s.sandbox.issue("acme", "api", epic as number).body ?? "").phases[0]?.children[0]?.number;
    const json = JSON.parse((await s.run(["budget", "--org", "acme", "--repo", "api", "--plan", "--json"])).out);
    expect(json).toMatchObject({ org: "acme", view: "plan", repo: "acme/api", pool: { quota: 300, used: 0, left: 300 } });
    expect(json.epics).toEqual([{ epic, title: "epic(security): 4 issues from audits #1, #2", dispatches: [{ child: first, agent: "jules", member: "mona" }], skipped: [] }]);
    expect(plan.out).toContain(`- #${epic}: #${first} → jules`);
    expect(stateOf(s.sandbox)).toEqual(before);
    const both = await s.run(["budget", "--org", "acme", "--team", "--history"]);
    expect(both.error?.message).toMatch(/^error: option '--history' cannot be used with option '--team'/);
    const bad = await s.run(["budget", "--org", "acme", "--forecast", "0"]);
    expect(bad.error?.message).toMatch(/--forecast <days>' argument '0' is invalid\. Expected a number of days from 1 to 365\./);
    expect((await s.run(["budget", "--org", "nobody"])).error?.message).toBe(
      "nobody/.github was not found, or the credentials cannot see it: pass --repo <name> to read another repository's config",
    );
  });
});

describe("factory sync", () => {
  it("reconciles what no webhook told Factory: a child closed by hand is ticked and, with dispatch.auto, the next phase dispatched", async () => {
    s = await startCliSandbox();
    const { epic, phases } = await s.dispatchedEpic();
    const first = phases[0]?.children[0]?.number as number;
    const second = phases[1]?.children.map((child) => child.number) ?? [];
    s.sandbox.as("mona").closeIssue({ owner: "acme", repo: "api", issue: first });

    // As the app itself (a member without push access to the ledger repository could not write the journal).
    const env = { APP_ID: String(s.world.app.id), PRIVATE_KEY: s.world.app.privateKey, GITHUB_API_URL: s.apiUrl, JULES_TOKEN: s.env.JULES_TOKEN };
    const { out, error } = await s.run(["sync", "acme/api", "--json"], { env, deps: { network: { throttle: false } } });
    expect(error).toBeUndefined();
    const result = JSON.parse(out);
    expect(result.repo).toBe("acme/api");
    expect(result.epics).toHaveLength(1);
    expect(result.epics[0]).toMatchObject({ epic, dispatched: true });
    expect(result.epics[0].changes.length).toBeGreaterThan(0);
    expect(result.dispatches).toHaveLength(1);
    expect(result.dispatches[0].text).toContain(`Dispatched ${second.length} issues:`);
    expect(result.text).toContain(`Reconciled 1 epic:\n- #${epic}: `);
    expect(parseEpicBody(s.sandbox.issue("acme", "api", epic).body ?? "").phases[0]?.children[0]).toMatchObject({ number: first, checked: true });
    expect(ledger(s).map((entry) => entry.issue).sort()).toEqual([first, ...second].sort());
    expect(ledger(s).filter((entry) => entry.issue !== first).every((entry) => entry.delivery.startsWith("cli-sync-"))).toBe(true);

    // Once caught up, a second sync has nothing left to do.
    const again = await s.run(["sync", "acme/api"], { env, deps: { network: { throttle: false } } });
    expect(again.out).toBe(`Reconciled 1 epic:\n- #${epic}: nothing was missing\n`);
  });

  it("with --dry-run names the closes and ticks lost webhooks missed, writes nothing, and a real sync then does them", async () => {
    s = await startCliSandbox();
    const { sandbox } = s;
    const [epic] = (await s.makeEpic()) as [number];
    const phases = parseEpicBody(sandbox.issue("acme", "api", epic).body ?? "").phases;
    const children = [phases[0]?.children[0]?.number, phases[1]?.children[0]?.number] as [number, number];
    // Two child pull requests merge into the epic branch while GitHub cannot reach Factory.
    s.sandbox.webhooks.lose(true);
    const pulls = children.map((child) => {
      const pull = sandbox.as("mona").openPullRequest({ owner: "acme", repo: "api", head: `fix-${child}`, base: `epic/${epic}-security`, title: `Fix #${child}`, body: `Closes #${child}` });
      sandbox.as("mona").mergePullRequest({ owner: "acme", repo: "api", pull: pull.number });
      return pull.number;
    });
    s.sandbox.webhooks.lose(false);
    const before = stateOf(s.sandbox);
    const logged = s.sandbox.requests.entries.length;

    const { out, error } = await s.run(["sync", "acme/api", "--dry-run", "--json"]);
    expect(error).toBeUndefined();
    const plan = JSON.parse(out);
    expect(plan).toMatchObject({ repo: "acme/api", dryRun: true });
    expect(plan.epics).toEqual([
      {
        epic,
        actions: [
          `close #${children[0]} (its pull request #${pulls[0]} merged)`,
          `close #${children[1]} (its pull request #${pulls[1]} merged)`,
          `comment on the epic that #${children[0]} and 1 more child are done, with its progress`,
          `tick #${children[0]} and #${children[1]} in the epic`,
        ],
        reports: [],
        releases: 0,
        journal: 2,
        dispatchNext: true,
        waiting: [],
      },
    ]);
    const text = await s.run(["sync", "acme/api", "--dry-run"]);
    expect(text.out.startsWith(`**Dry run:** nothing was changed.\n\nSync would reconcile 1 epic:\n- #${epic}:\n  - close #${children[0]} (its pull request #${pulls[0]} merged)\n`)).toBe(true);
    expect(text.out).toContain(`  - tick #${children[0]} and #${children[1]} in the epic\n`);
    expect(text.out).toContain("  - write 2 records of finished children to the journal\n");
    expect(text.out).toContain("  - dispatch the next phase as `/factory dispatch next` would");
    expect(text.out.trimEnd()).toBe(plan.text);

    // Reads only: no REST write, no GraphQL mutation, and GitHub is as it was.
    const requests = s.sandbox.requests.entries.slice(logged);
    expect(requests.filter((r) => r.route !== "POST /graphql" && r.method !== "GET")).toEqual([]);
    expect(new Set(requests.filter((r) => r.route === "POST /graphql").map((r) => r.operationName))).toEqual(new Set(["FactoryEpicBody", "FactoryEpic"]));
    expect(stateOf(s.sandbox)).toEqual(before);
    expect(children.map((child) => sandbox.issue("acme", "api", child).state)).toEqual(["open", "open"]);
    expect(parseEpicBody(s.sandbox.issue("acme", "api", epic).body ?? "").phases.flatMap((p) => p.children).filter((c) => c.checked)).toEqual([]);

    // The real sync (as the app, which may write the journal) does what the dry run said.
    const env = { APP_ID: String(s.world.app.id), PRIVATE_KEY: s.world.app.privateKey, GITHUB_API_URL: s.apiUrl, JULES_TOKEN: s.env.JULES_TOKEN };
    const real = await s.run(["sync", "acme/api"], { env, deps: { network: { throttle: false } } });
    expect(real.error).toBeUndefined();
    expect(children.map((child) => sandbox.issue("acme", "api", child).state)).toEqual(["closed", "closed"]);
    const ticked = parseEpicBody(s.sandbox.issue("acme", "api", epic).body ?? "").phases.flatMap((p) => p.children).filter((c) => c.checked).map((c) => c.number);
    expect(ticked.sort()).toEqual([...children].sort());
    expect((await s.run(["sync", "acme/api", "--dry-run"])).out).toBe(`**Dry run:** nothing was changed.\n\nSync would reconcile 1 epic:\n- #${epic}: nothing is missing\n`);
  });

  it("says in --help that it writes unless --dry-run", async () => {
    s = await startCliSandbox();
    const help = await s.run(["sync", "--help"]);
    expect(help.out).toContain("WRITES TO GITHUB.");
    expect(help.out).toContain("--dry-run");
    expect(help.out).toContain("write nothing: print what one pass over each open epic would do");
  });
});

describe("credentials", () => {
  it("names the variables to set when there are none", async () => {
    s = await startCliSandbox();
    for (const args of [["status", "acme/api"], ["plan", "acme/api"], ["sync", "acme/api"], ["budget", "--org", "acme"]]) {
      const { error, out } = await s.run(args, { env: {} });
      expect(out).toBe("");
      expect(error?.message).toBe(
        "no GitHub credentials: set GITHUB_TOKEN to a token, or APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to the app's credentials " +
          "(GITHUB_INSTALLATION_ID optional); GITHUB_API_URL points at GitHub Enterprise Server (default https://api.github.com)",
      );
    }
    const half = await s.run(["status", "acme/api"], { env: { APP_ID: "1", GITHUB_API_URL: s.apiUrl } });
    expect(half.error?.message).toMatch(/^APP_ID is set but PRIVATE_KEY is not/);
  });

  it("acts as the app's installation with APP_ID and PRIVATE_KEY, finding the installation on the owner", async () => {
    s = await startCliSandbox();
    const env = { APP_ID: String(s.world.app.id), PRIVATE_KEY: s.world.app.privateKey.replace(/\n/g, "\\n"), GITHUB_API_URL: s.apiUrl };
    const { out, error } = await s.run(["status", "acme/api"], { env });
    expect(error).toBeUndefined();
    expect(out).toBe("No open epic in acme/api.\n");
    expect(s.sandbox.requests.rest.get("GET /orgs/{org}/installation")).toBe(1);
    const pinned = await s.run(["status", "acme/api"], { env: { ...env, GITHUB_INSTALLATION_ID: String(s.world.installationId) } });
    expect(pinned.out).toBe("No open epic in acme/api.\n");
    expect(s.sandbox.requests.rest.get("GET /orgs/{org}/installation")).toBe(1);
    const bad = await s.run(["status", "acme/api"], { env: { GITHUB_TOKEN: "not-a-token", GITHUB_API_URL: s.apiUrl } });
    expect(bad.error?.message).toMatch(/^GitHub refused the credentials \(401\): check GITHUB_TOKEN, or APP_ID and PRIVATE_KEY/);
  });
});

describe("progress", () => {
  it("draws a progress line on stderr only when stdout and stderr are terminals", async () => {
    s = await startCliSandbox();
    await s.makeEpic();
    const tty = await s.run(["plan", "acme/api"], { tty: true });
    expect(tty.err).toContain("\r");
    expect(tty.err).toMatch(/dispatch next on #\d+ · \[█+░*\] 2\/3 · \d+ requests/);
    expect(tty.err.endsWith("\r\x1b[K")).toBe(true);
    expect(tty.out).not.toContain("\r");
    expect((await s.run(["plan", "acme/api"])).err).toBe("");
  });
});
