import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { parseAudit } from "../../src/stages/audit/parse-audit.js";
import { Sandbox } from "@factory/sandbox";
import { CREATE_ATTEMPTS } from "../../src/github/executor/create-once.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { VirtualClock } from "../helpers/virtual-clock.js";

const BOT = "factory[bot]";
const KEYWORDS = configSchema.parse({}).audit.keywords;
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/audits/${name}.md`, import.meta.url), "utf8");

/** acme/api with the automatic stages off: audits run only when asked. */
const MANUAL = "_extends: .github\n";

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

function issues() {
  return h.sandbox.issues("acme", "api") as Array<{
    number: number;
    title: string;
    body: string | null;
    state: string;
    state_reason: string | null;
    labels: Array<{ name: string; color: string }>;
    pull_request?: unknown;
  }>;
}

/** Issues Factory created, in creation order. */
function created() {
  return issues()
    .filter((issue) => /factory:(finding|framework) /.test(issue.body ?? ""))
    .sort((a, b) => a.number - b.number);
}

function factoryComments(number: number) {
  return h.sandbox.comments("acme", "api", number).filter((c) => c.user.login === BOT);
}

async function openAudit(title: string, body: string, login = "mona") {
  const issue = h.sandbox.as(login).createIssue({ owner: "acme", repo: "api", title, body });
  await h.settle();
  return issue.number;
}

async function say(body: string, issue: number, login = "mona") {
  const comment = h.sandbox.as(login).comment({ owner: "acme", repo: "api", issue, body });
  await h.settle();
  return comment;
}

describe("audits become implementation issues", () => {
  it("turns every open audit, whatever its shape, into exactly the issues it lists, then closes it", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const shapes = {
      headings: await openAudit("[Audit] Billing service review", fixture("severity-headings")),
      table: await openAudit("audit: inventory-svc", fixture("table-sev-finding-file")),
      pattern: await openAudit("[AUDIT] Outbound HTTP clients", fixture("pattern-request-timeouts")),
      empty: await openAudit("[Audit] Quarterly review", fixture("no-findings")),
    };
    const notAnAudit = await openAudit("Bump Go to 1.23", "- [ ] `go.mod` needs a bump (high)");
    const command = await say("/factory audit all", notAnAudit);

    const expectedTitles = [
      ...[(h.world.audits[0] as number), (h.world.audits[1] as number)].map((n) => parseAudit(h.sandbox.issue("acme", "api", n).body as string, KEYWORDS)),
      parseAudit(fixture("severity-headings"), KEYWORDS),
      parseAudit(fixture("table-sev-finding-file"), KEYWORDS),
      parseAudit(fixture("pattern-request-timeouts"), KEYWORDS),
    ].flatMap((findings) => findings.map((finding) => finding.title));
    const made = created();
    const findingIssues = made.filter((issue) => issue.body?.includes("factory:finding "));
    expect(findingIssues.map((issue) => issue.title)).toEqual(expectedTitles);
    expect(findingIssues).toHaveLength(2 + 2 + 8 + 10 + 6);

    // One issue, checked field by field.
    const stripe = findingIssues.find((issue) => issue.title === "security(billing): hard-coded Stripe secret key in settings module");
    expect(stripe?.labels.map((label) => label.name).sort()).toEqual([
      "complexity:small",
      "lang:go",
      "scope:single-file",
      "severity:critical",
      "type:security",
    ]);
    expect(stripe?.body).toContain(`Parent audit: #${shapes.headings}`);
    expect(stripe?.body).toContain("## Acceptance criteria\n\n- [ ] ");
    expect(stripe?.body).toMatch(/<!-- factory:finding fp=[0-9a-f]{16} audit=#\d+ -->\n$/);
    expect(h.sandbox.labels("acme", "api").find((label) => label.name === "severity:critical")?.color).toBe("b60205");

    // The pattern: four findings needing request timeouts in four packages.
    const framework = made.find((issue) => issue.body?.includes("factory:framework "));
    expect(framework?.title).toBe("performance(framework): shared request timeouts across 4 packages");
    expect(framework?.labels.map((label) => label.name)).toContain("scope:framework");
    const patternIssues = findingIssues.filter((issue) => issue.body?.includes(`Parent audit: #${shapes.pattern}`)).slice(0, 4);
    for (const member of patternIssues) expect(framework?.body).toContain(`- [ ] #${member.number} ${member.title}`);

    // Every audit is closed with a report; the empty one as not planned; the ordinary issue is untouched.
    for (const audit of [shapes.headings, shapes.table, shapes.pattern, ...h.world.audits]) {
      const issue = h.sandbox.issue("acme", "api", audit);
      expect([audit, issue.state, issue.state_reason]).toEqual([audit, "closed", "completed"]);
      const report = factoryComments(audit).find((c) => c.body.includes("factory:audit-report"));
      expect(report?.body).toMatch(/^Factory turned this audit into \d+ implementation issues?/);
    }
    const tableReport = factoryComments(shapes.table).find((c) => c.body.includes("factory:audit-report"))?.body ?? "";
    for (const issue of findingIssues.filter((i) => i.body?.includes(`Parent audit: #${shapes.table}\n`))) expect(tableReport).toContain(`#${issue.number} `);
    const empty = h.sandbox.issue("acme", "api", shapes.empty);
    expect([empty.state, empty.state_reason]).toEqual(["closed", "not_planned"]);
    expect(factoryComments(shapes.empty)[0]?.body).toContain("no actionable finding");
    expect(h.sandbox.issue("acme", "api", notAnAudit).state).toBe("open");

    const reply = factoryComments(notAnAudit).find((c) => c.body.includes(`factory:reply comment=${command.id}`));
    expect(reply?.body).toContain(`Created 8 issues from #${shapes.headings}`);
    expect(reply?.body).toContain(`Closed #${shapes.empty} as not planned`);
    expect(h.sandbox.reactions("acme", "api", { commentId: command.id }).map((r) => r.content).sort()).toEqual(["eyes", "rocket"]);

    // Running it again changes nothing.
    const before = issues().length;
    const again = await say(`/factory audit`, shapes.headings);
    expect(issues().length).toBe(before);
    expect(factoryComments(shapes.headings).find((c) => c.body.includes(`comment=${again.id}`))?.body).toContain(
      `Nothing new from #${shapes.headings}: its 8 findings already have issues.`,
    );
    expect(factoryComments(shapes.headings).filter((c) => c.body.includes("factory:audit-report"))).toHaveLength(1);
  });

  it("creates each finding exactly once when a run crashes halfway and is run again", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const audit = await openAudit("[Audit] Notify service", fixture("table-issue-location-priority"));
    // The fifth creation fails every time the executor tries it (it looks, finds nothing, tries again).
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues", status: 502, after: 4, times: CREATE_ATTEMPTS });
    const first = await say("/factory audit", audit);
    expect(created()).toHaveLength(4);
    const failure = factoryComments(audit).find((c) => c.body.includes(`factory:error comment=${first.id}`));
    expect(failure?.body).toContain("GitHub answered 502");
    expect(h.sandbox.issue("acme", "api", audit).state).toBe("open");

    await say("/factory audit", audit);
    const titles = created().map((issue) => issue.title);
    expect(titles).toEqual(parseAudit(fixture("table-issue-location-priority"), KEYWORDS).map((finding) => finding.title));
    expect(new Set(titles).size).toBe(titles.length);
    expect(h.sandbox.issue("acme", "api", audit).state).toBe("closed");
  });

  it("answers a redelivered webhook once and creates nothing twice", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const audit = await openAudit("[Audit] Claims API", fixture("priority-p0-p3-headings"));
    h.sandbox.webhooks.duplicateNext(1);
    const command = await say("/factory audit", audit);
    const deliveries = h.sandbox.webhooks.log.filter((d) => d.name === "issue_comment" && (d.payload.comment as { id: number }).id === command.id);
    expect(deliveries).toHaveLength(2);
    expect(deliveries[0]?.id).toBe(deliveries[1]?.id);
    expect(h.sandbox.reactions("acme", "api", { commentId: command.id }).map((r) => r.content).sort()).toEqual(["eyes", "rocket"]);
    expect(created()).toHaveLength(8);
    expect(factoryComments(audit).filter((c) => c.body.includes("factory:reply"))).toHaveLength(1);
  });

  it("changes nothing for a user without write permission, or on a dry run", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const audit = await openAudit("[Audit] Claims API", fixture("priority-p0-p3-headings"));
    const before = issues().length;
    await say("/factory audit", audit, "visitor");
    expect(issues().length).toBe(before);

    const dry = await say("/factory audit --dry-run", audit);
    expect(issues().length).toBe(before);
    expect(h.sandbox.labels("acme", "api").some((label) => String(label.name).startsWith("severity:"))).toBe(false);
    const plan = factoryComments(audit).find((c) => c.body.includes(`comment=${dry.id}`))?.body ?? "";
    expect(plan).toContain("**Dry run:** nothing was changed.");
    expect(plan).toContain("create 8 issues");
    expect(plan).toContain("| security(claims): claims attachments served from a public bucket |");
    expect(h.sandbox.issue("acme", "api", audit).state).toBe("open");
  });

  it("runs when a maintainer adds the audit label", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const issue = await openAudit("Notes from the security review", fixture("emoji-severity"));
    expect(created()).toHaveLength(0);
    h.sandbox.as("mona").addLabels({ owner: "acme", repo: "api", issue, labels: ["factory:audit"] });
    await h.settle();
    expect(created()).toHaveLength(8);
    expect(h.sandbox.issue("acme", "api", issue).state).toBe("closed");
  });

  it("in auto mode, runs an audit a maintainer opens, but not one opened by a read-only user", async () => {
    h = await startFactory();
    const stranger = await openAudit("[Audit] Totally legit findings", fixture("bracket-severity-tags"), "visitor");
    expect(created()).toHaveLength(0);
    expect(h.sandbox.issue("acme", "api", stranger).state).toBe("open");
    expect(factoryComments(stranger)[0]?.body).toContain("needs **write** permission");
    const audit = await openAudit("[Audit] Forms service", fixture("bracket-severity-tags"));
    expect(created()).toHaveLength(9);
    expect(h.sandbox.issue("acme", "api", audit).state).toBe("closed");
  });
});

describe("a 200-finding audit under secondary rate limits", () => {
  /** Runs the audit; returns its creations' virtual times. */
  async function run200(realRetries: boolean, clock: VirtualClock): Promise<number[]> {
    const sandbox = new Sandbox({ now: clock.now, secondaryRateLimits: true, profile: "production", mergeabilityDelayMs: 0 });
    h = await startFactory({ sandbox, clock, repoConfig: MANUAL, realRetries });
    const audit = await openAudit("[Audit] Platform-wide review", fixture("long-200"));
    await say("/factory audit", audit);
    expect(created().filter((issue) => issue.body?.includes("factory:finding "))).toHaveLength(200);
    expect(h.sandbox.issue("acme", "api", audit).state).toBe("closed");
    expect(h.sandbox.requests.entries.filter((entry) => entry.status === 403 || entry.status === 429)).toEqual([]);
    const frameworks = created().filter((issue) => issue.body?.includes("factory:framework ")).length;
    const creations = h.sandbox.requests.entries.filter((entry) => entry.actor === BOT && entry.route === "POST /repos/{owner}/{repo}/issues");
    expect(creations).toHaveLength(200 + frameworks);
    if (process.env.AUDIT_REQUESTS) console.log(JSON.stringify(Object.fromEntries(h.sandbox.requests.rest), null, 1), frameworks, clock.slept);
    return creations.map((entry) => entry.timestamp.getTime());
  }

  /** The most content creations in any minute. */
  const busiestMinute = (times: number[]) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));

  it("completes without a single 403, its writes spread by the throttling plugin and Factory's pacer", async () => {
    const times = await run200(true, new VirtualClock());
    expect(busiestMinute(times)).toBeLessThanOrEqual(80);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(60_000);
  });

  it("completes without a single 403 with Factory's own pacer alone, when no throttling plugin spaces the writes", async () => {
    const clock = new VirtualClock();
    const times = await run200(false, clock);
    expect(busiestMinute(times)).toBeLessThanOrEqual(80);
    expect(clock.slept).toBeGreaterThan(60_000);
  });
});
