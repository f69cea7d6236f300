import { afterEach, describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { parseAudit } from "../../src/stages/audit/parse-audit.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";

const BOT = "factory[bot]";
const KEYWORDS = configSchema.parse({}).audit.keywords;

/** acme/api processes audits as they are opened, and confirms them as `audit.confirm` says by default (`auto`). */
const CONFIRMING = "_extends: .github\naudit:\n  auto: true\n  confirm: auto\n";

const finding = (title: string, path: string, line: number, text: string) => [`### ${title}`, `\`${path}:${line}\` ${text}`, ""];
const SIX = [
  "## Findings",
  "",
  ...finding("No rate limiting on the webhook endpoint (high)", "internal/server/webhook.go", 42, "accepts unlimited requests."),
  ...finding("Secrets logged at debug level (critical)", "internal/server/log.go", 17, "prints the signing secret."),
  ...finding("Session cookie lacks the Secure flag (medium)", "internal/auth/session.go", 88, "sets the cookie without `Secure`."),
  ...finding("N+1 queries when listing orgs (medium)", "internal/api/orgs.go", 31, "loads each member in its own query."),
  ...finding("Missing tests for user deletion (low)", "internal/api/users.go", 120, "has no test for the cascade."),
  ...finding("Outdated setup steps in the README (low)", "docs/setup.md", 5, "still mentions Go 1.19."),
].join("\n");
const SEVENTH = finding("Unbounded request body on uploads (high)", "internal/api/upload.go", 12, "reads the whole body into memory.").join("\n");

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

function issues() {
  return h.sandbox.issues("acme", "api") as unknown as Array<{ number: number; title: string; body: string | null; labels: Array<{ name: string }> }>;
}

/** Finding issues Factory created, in creation order. */
function created() {
  return issues()
    .filter((issue) => /factory:finding /.test(issue.body ?? ""))
    .sort((a, b) => a.number - b.number);
}

function reading(audit: number) {
  const found = h.sandbox.comments("acme", "api", audit).filter((c) => c.user.login === BOT && c.body.includes("factory:audit-reading"));
  expect(found).toHaveLength(1);
  return found[0] as { id: number; body: string };
}

/** The reading's line for the finding with fingerprint `fp`. */
function lineOf(body: string, fp: string): string {
  return body.split("\n").find((line) => line.includes(`fp=${fp} `)) ?? "";
}

/** Edits the reading as `login`: each change is applied to the line of its fingerprint (or to the create line). */
async function editReading(audit: number, login: string, change: (body: string) => string) {
  const comment = reading(audit);
  h.sandbox.as(login).editComment({ owner: "acme", repo: "api", commentId: comment.id, body: change(comment.body) });
  await h.settle();
}

const untick = (fp: string) => (body: string) => body.replace(lineOf(body, fp), lineOf(body, fp).replace("- [x]", "- [ ]"));
const severity = (fp: string, to: string) => (body: string) => body.replace(lineOf(body, fp), lineOf(body, fp).replace(/\*\*\w+\*\*/, `**${to}**`));
const tickCreate = (body: string) => body.replace("- [ ] Create these issues", "- [x] Create these issues");

describe("a maintainer confirms Factory's reading of an audit before any issue is created", () => {
  it("creates exactly the ticked findings, with the maintainer's severities, and keeps those choices when the audit changes", async () => {
    h = await startFactory({ repoConfig: CONFIRMING });
    const audit = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "[Audit] Webhook server review", body: SIX }).number;
    await h.settle();
    const findings = parseAudit(SIX, KEYWORDS);
    expect(findings).toHaveLength(6);
    const fps = findings.map((f) => f.fingerprint);

    // The reading: one ticked line per finding, "Create these issues" unticked, and no issue.
    expect(created()).toHaveLength(0);
    const posted = reading(audit).body;
    for (const f of findings) expect(lineOf(posted, f.fingerprint)).toMatch(new RegExp(`^- \\[x\\] \\*\\*${f.severity}\\*\\* · ${f.type} · `));
    expect(lineOf(posted, fps[0] as string)).toContain("— `internal/server/webhook.go:42`");
    expect(posted).toContain("- [ ] Create these issues");
    expect(h.sandbox.issue("acme", "api", audit).state).toBe("open");

    // A read-only user's edit ticking the box changes nothing: no issue, and the reading is put back.
    await editReading(audit, "visitor", (body) => tickCreate(untick(fps[0] as string)(body)));
    expect(created()).toHaveLength(0);
    expect(reading(audit).body).toBe(posted);

    // The maintainer unticks two lines, lowers one severity and ticks "Create these issues".
    await editReading(audit, "mona", (body) => tickCreate(severity(fps[0] as string, "low")(untick(fps[2] as string)(untick(fps[4] as string)(body)))));
    const made = created();
    const chosen = findings.filter((_, index) => index !== 2 && index !== 4);
    expect(made.map((issue) => issue.title)).toEqual(chosen.map((f) => f.title));
    expect(made.map((issue) => issue.labels.map((label) => label.name).find((name) => name.startsWith("severity:")))).toEqual([
      "severity:low",
      ...chosen.slice(1).map((f) => `severity:${f.severity}`),
    ]);
    expect(made[0]?.labels.map((label) => label.name)).toContain(`type:${chosen[0]?.type}`);
    const confirmed = reading(audit).body;
    expect(confirmed).toContain("**Factory's reading of this audit: 6 findings, 4 with an issue.**");
    chosen.forEach((f, index) => expect(lineOf(confirmed, f.fingerprint)).toMatch(new RegExp(`^- \\[x\\] .* → #${made[index]?.number} <!--`)));
    expect(lineOf(confirmed, fps[0] as string)).toMatch(/^- \[x\] \*\*low\*\* /);
    for (const fp of [fps[2], fps[4]]) expect(lineOf(confirmed, fp as string)).toMatch(/^- \[ \] .*[^)]$/);
    expect(confirmed).toContain("- [x] Create these issues");

    // The audit gains a finding: the unticked lines stay unticked, the new one is ticked, nothing is created.
    h.sandbox.as("mona").editIssue({ owner: "acme", repo: "api", issue: audit, body: `${SIX}\n${SEVENTH}` });
    await h.settle();
    const seventh = parseAudit(`${SIX}\n${SEVENTH}`, KEYWORDS)[6];
    expect(seventh?.title).toBe("performance(api): unbounded request body on uploads");
    expect(created()).toHaveLength(4);
    const refreshed = reading(audit).body;
    expect(refreshed).toContain("**Factory's reading of this audit: 7 findings, 4 with an issue.**");
    expect(lineOf(refreshed, fps[2] as string)).toMatch(/^- \[ \] /);
    expect(lineOf(refreshed, fps[4] as string)).toMatch(/^- \[ \] /);
    expect(lineOf(refreshed, seventh?.fingerprint as string)).toMatch(/^- \[x\] \*\*high\*\* · performance · /);
    expect(lineOf(refreshed, fps[0] as string)).toMatch(/^- \[x\] \*\*low\*\* .* → #\d+ <!--/);
    expect(refreshed).toContain("- [ ] Create these issues");

    // `/factory audit` creates the new finding only.
    const command = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: audit, body: "/factory audit" });
    await h.settle();
    expect(created().map((issue) => issue.title)).toEqual([...chosen.map((f) => f.title), seventh?.title]);
    const reply = h.sandbox.comments("acme", "api", audit).find((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${command.id}`));
    expect(reply?.body).toContain(`Created 1 issue from #${audit}: #${created()[4]?.number}.`);
    expect(reply?.body).toContain("2 findings left unticked in the reading were not created.");
    expect(reading(audit).body).toContain("- [x] Create these issues");

    // Asking again creates nothing twice.
    await editReading(audit, "mona", (body) => body.replace("- [x] Create these issues", "- [ ] Create these issues"));
    await editReading(audit, "mona", tickCreate);
    expect(created()).toHaveLength(5);
  });

  it("creates a structured audit's findings at once, and answers one that breaks the format with its problems", async () => {
    h = await startFactory({ repoConfig: CONFIRMING });
    const structured = [
      "Format: factory-audit/1",
      "",
      "## No rate limiting on the webhook endpoint",
      "- Severity: high",
      "- Type: security",
      "- Location: `internal/server/webhook.go:42`",
      "",
      "Accepts unlimited requests.",
      "",
      "## Outdated setup steps",
      "- Severity: low",
      "- Type: docs",
      "- Location: `docs/setup.md:5`",
    ].join("\n");
    const audit = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "[Audit] Structured", body: structured }).number;
    await h.settle();
    expect(created().map((issue) => issue.title)).toEqual(["security(server): no rate limiting on the webhook endpoint", "docs: outdated setup steps"]);
    expect(h.sandbox.comments("acme", "api", audit).some((c) => c.body.includes("factory:audit-reading"))).toBe(false);

    const broken = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "[Audit] Broken", body: structured.replace("- Type: docs", "- Type: documentation") }).number;
    await h.settle();
    expect(created()).toHaveLength(2);
    const answer = h.sandbox.comments("acme", "api", broken).find((c) => c.user.login === BOT)?.body ?? "";
    expect(answer).toContain("but does not follow it, so Factory created nothing");
    expect(answer).toContain("- line 12: type `documentation` is not one of security, quality, performance, testing, docs");
  });
});
