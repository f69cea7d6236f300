import { describe, expect, it } from "vitest";
import type { Action } from "../../../src/model/action.js";
import type { Pattern } from "../../../src/stages/audit/detect-patterns.js";
import type { Finding } from "../../../src/stages/audit/finding.js";
import { planAudit, type AuditSnapshot, type TrackedIssue } from "../../../src/stages/audit/plan-audit.js";
import { renderAuditReport } from "../../../src/stages/audit/render-audit-report.js";

const sqli: Finding = {
  title: "security(api): SQL injection in search",
  summary: "SQL injection in search",
  severity: "high",
  type: "security",
  scope: "single-file",
  complexity: "small",
  component: "api",
  locations: [{ path: "internal/api/search.go", line: 42 }],
  fingerprint: "aaaaaaaaaaaaaaaa",
  fixKind: "parameterised-queries",
  details: "The handler concatenates user input.",
  fix: "Use a prepared statement.",
  acceptance: ["Search uses a prepared statement", "CI passes"],
};

const docs: Finding = {
  title: "docs(repo): README lacks setup steps",
  summary: "README lacks setup steps",
  severity: "low",
  type: "docs",
  scope: "single-file",
  complexity: "small",
  component: "repo",
  locations: [{ path: "README.md" }],
  fingerprint: "bbbbbbbbbbbbbbbb",
  details: "New contributors cannot start the app.",
  acceptance: ["The README lists the setup steps"],
};

const pattern: Pattern = {
  fixKind: "rate-limiting",
  type: "security",
  severity: "high",
  members: [sqli.fingerprint, docs.fingerprint],
  components: ["api", "repo", "web"],
  fingerprint: "cccccccccccccccc",
};

function snapshot(overrides: Partial<AuditSnapshot> = {}): AuditSnapshot {
  return {
    audit: { number: 7, title: "[Audit] Security review", state: "open" },
    findings: [sqli, docs],
    patterns: [],
    tracked: new Map(),
    frameworks: new Map(),
    labels: new Set(),
    language: "Go",
    reported: false,
    ...overrides,
  };
}

const tracked = new Map<string, TrackedIssue>([
  [sqli.fingerprint, { number: 11, title: sqli.title, state: "open", audit: 7 }],
  [docs.fingerprint, { number: 12, title: docs.title, state: "open", audit: 7 }],
]);

describe("planAudit", () => {
  it("creates the missing labels, then one issue per untracked finding", async () => {
    // The repository has "Severity:High" and "lang:go"; the snapshot holds label names lower-cased.
    const plan = planAudit(snapshot({ labels: new Set(["severity:high", "lang:go", "bug"]) }));
    const ensured = plan.filter((action) => action.kind === "ensureLabel");
    expect(ensured.map((action) => action.name)).toEqual([
      "type:security",
      "complexity:small",
      "scope:single-file",
      "severity:low",
      "type:docs",
    ]);
    expect(ensured[0]).toEqual({
      kind: "ensureLabel",
      key: "label:type:security",
      name: "type:security",
      color: "ee0701",
      description: "A security change",
    });
    expect(plan.slice(ensured.length)).toEqual([
      {
        kind: "createIssue",
        key: `finding:${sqli.fingerprint}`,
        title: "security(api): SQL injection in search",
        body: expect.any(String),
        labels: ["severity:high", "type:security", "complexity:small", "scope:single-file", "lang:go"],
        marker: { kind: "finding", fields: { fp: sqli.fingerprint, audit: "#7" } },
      },
      {
        kind: "createIssue",
        key: `finding:${docs.fingerprint}`,
        title: "docs(repo): README lacks setup steps",
        body: expect.any(String),
        labels: ["severity:low", "type:docs", "complexity:small", "scope:single-file", "lang:go"],
        marker: { kind: "finding", fields: { fp: docs.fingerprint, audit: "#7" } },
      },
    ]);
    // The bodies, compared with reviewed text (`npx vitest run -u` rewrites it after a deliberate change).
    const bodies = plan
      .slice(ensured.length)
      .map((action) => (action.kind === "createIssue" ? `======== ${action.title} ========\n\n${action.body}` : ""))
      .join("\n");
    await expect(bodies).toMatchFileSnapshot("./__golden__/planned-finding-bodies.md");
  });

  it("writes finding bodies that name the parent audit, the locations, the fix and the criteria", () => {
    const create = planAudit(snapshot({ findings: [sqli] })).find((action) => action.kind === "createIssue");
    const body = create?.kind === "createIssue" ? create.body : "";
    expect(body.startsWith("Parent audit: #7\n")).toBe(true);
    expect(body).toContain("- `internal/api/search.go:42`");
    expect(body).toContain("Use a prepared statement.");
    expect(body).toContain("- [ ] Search uses a prepared statement\n- [ ] CI passes");
  });

  it("creates no label the repository already has and no issue for a tracked finding", () => {
    const labels = new Set(["severity:low", "type:docs", "complexity:small", "scope:single-file"]);
    const plan = planAudit(snapshot({ language: null, labels, tracked: new Map([[sqli.fingerprint, { number: 11, title: sqli.title, state: "closed" }]]) }));
    expect(plan.map((action) => action.key)).toEqual([`finding:${docs.fingerprint}`]);
  });

  it("then creates a framework issue for a pattern, listing the issues it covers", () => {
    const plan = planAudit(snapshot({ tracked, patterns: [pattern], labels: new Set(["severity:high", "type:security", "lang:go"]) }));
    expect(plan.map((action) => action.kind)).toEqual(["ensureLabel", "ensureLabel", "createIssue"]);
    expect(plan.slice(0, 2).map((action) => action.kind === "ensureLabel" && action.name)).toEqual(["complexity:large", "scope:framework"]);
    const create = plan[2] as Extract<Action, { kind: "createIssue" }>;
    expect(create).toMatchObject({
      kind: "createIssue",
      key: `framework:7:${pattern.fingerprint}`,
      title: "security(framework): shared rate limiting across 3 packages",
      labels: ["severity:high", "type:security", "complexity:large", "scope:framework", "lang:go"],
      marker: { kind: "framework", fields: { fp: pattern.fingerprint, audit: "#7" } },
    });
    expect(create.body).toContain("Parent audit: #7");
    expect(create.body).toContain(`- [ ] #11 ${sqli.title}\n- [ ] #12 ${docs.title}\n`);
  });

  it("does not create a framework issue the audit already has", () => {
    const frameworks = new Map([[pattern.fingerprint, { number: 20, title: "x", state: "open" as const, audit: 7 }]]);
    const plan = planAudit(snapshot({ tracked, patterns: [pattern], frameworks }));
    expect(plan.map((action) => action.kind)).toEqual(["comment", "closeIssue"]);
  });

  it("reports and closes the audit as completed once everything is tracked", () => {
    const done = snapshot({ tracked });
    expect(planAudit(done)).toEqual([
      {
        kind: "comment",
        key: "audit-report:7",
        issue: 7,
        body: renderAuditReport(done),
        marker: { kind: "audit-report", fields: { audit: "#7" } },
      },
      { kind: "closeIssue", key: "close:7", issue: 7, reason: "completed" },
    ]);
    expect(renderAuditReport(done)).toContain("- #11 high · security\n- #12 low · docs");
  });

  it("closes an audit with no finding as not planned, with a comment saying so", () => {
    const empty = snapshot({ findings: [] });
    const plan = planAudit(empty);
    expect(plan).toEqual([
      { kind: "comment", key: "audit-report:7", issue: 7, body: renderAuditReport(empty), marker: { kind: "audit-report", fields: { audit: "#7" } } },
      { kind: "closeIssue", key: "close:7", issue: 7, reason: "not_planned" },
    ]);
    expect(renderAuditReport(empty)).toContain("no actionable finding");
  });

  it("comments on an audit that is already closed but does not close it again", () => {
    const closed = snapshot({ tracked, audit: { number: 7, title: "[Audit] x", state: "closed" } });
    expect(planAudit(closed)).toEqual([
      { kind: "comment", key: "audit-report:7", issue: 7, body: renderAuditReport(closed), marker: { kind: "audit-report", fields: { audit: "#7" } } },
    ]);
  });

  it.each<[string, Partial<AuditSnapshot>]>([
    ["everything tracked", { tracked }],
    ["everything tracked, with its framework issue", { tracked, patterns: [pattern], frameworks: new Map([[pattern.fingerprint, { number: 20, title: "x", state: "open" }]]) }],
    ["no findings", { findings: [] }],
  ])("does nothing once reported: %s", (_name, overrides) => {
    expect(planAudit(snapshot({ ...overrides, reported: true }))).toEqual([]);
  });

  it("still creates an untracked finding even when the report exists", () => {
    const plan = planAudit(snapshot({ reported: true, labels: new Set(["severity:low", "type:docs", "complexity:small", "scope:single-file", "lang:go"]), tracked: new Map([[sqli.fingerprint, { number: 11, title: sqli.title, state: "open" }]]) }));
    expect(plan.map((action) => action.key)).toEqual([`finding:${docs.fingerprint}`]);
  });
});

describe("planAudit and labels.scheme", () => {
  it("spells the classification labels of findings and framework issues plainly with scheme plain, as hand-run runbooks do", () => {
    const labelsOf = (scheme?: "plain" | "prefixed") =>
      planAudit(snapshot({ patterns: [pattern], ...(scheme ? { labelScheme: scheme } : {}) }))
        .filter((action): action is Extract<Action, { kind: "createIssue" }> => action.kind === "createIssue")
        .map((action) => action.labels);
    expect(labelsOf("plain")[0]).toEqual(expect.arrayContaining(["high", "security", "complexity:small", "single-file", "lang:go"]));
    expect(labelsOf("plain")[0]).not.toContain("severity:high");
    const tracked = new Map<string, TrackedIssue>([
      [sqli.fingerprint, { number: 21, title: sqli.title, state: "open", audit: 7 }],
      [docs.fingerprint, { number: 22, title: docs.title, state: "open", audit: 7 }],
    ]);
    const framework = planAudit(snapshot({ patterns: [pattern], tracked, labelScheme: "plain" })).find((action) => action.kind === "createIssue");
    expect(framework && "labels" in framework ? framework.labels : []).toEqual(expect.arrayContaining(["high", "security", "complexity:large", "framework"]));
    expect(labelsOf()[0]).toEqual(expect.arrayContaining(["severity:high", "type:security"]));
  });
});
