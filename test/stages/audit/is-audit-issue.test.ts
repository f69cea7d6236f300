import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import { isAuditIssue, looksLikeImplementationIssue } from "../../../src/stages/audit/is-audit-issue.js";

const DEFAULT_LABEL = configSchema.parse({}).audit.label;
/** An implementation issue as the audit runbook creates it. */
const RUNBOOK_BODY = "Parent audit: #4\n\n## Finding\n\nThe webhook has no rate limit.\n\n## Location\n\n- `internal/server/webhook.go:42`\n";

describe("isAuditIssue", () => {
  it("defaults to a label of Factory's own", () => {
    expect(DEFAULT_LABEL).toBe("factory:audit");
  });

  it.each([
    ["an [Audit] title", { title: "[Audit] OWASP Top 10", labels: [] }],
    ["an audit: title", { title: "AUDIT: error handling", labels: [] }],
    ["the audit label", { title: "Notes from the review", labels: ["factory:audit"] }],
    ["an [Audit] labelled with its subject", { title: "[Audit] Security", labels: ["security", "jules"] }],
    ["an [Audit] whose body has findings", { title: "[Audit] Security", labels: [{ name: "audit" }], body: "## Findings\n\n1. No rate limit (high)" }],
  ])("takes %s for an audit", (_name, issue) => {
    expect(isAuditIssue({ ...issue, auditLabel: DEFAULT_LABEL })).toBe(true);
  });

  it("does not take the runbook's `audit` label for an audit by default, but does when configured to", () => {
    const issue = { title: "Review notes", labels: ["audit"] };
    expect(isAuditIssue({ ...issue, auditLabel: DEFAULT_LABEL })).toBe(false);
    expect(isAuditIssue({ ...issue, auditLabel: "audit" })).toBe(true);
  });

  it.each([
    ["plain labels, as the runbook writes them", { labels: ["high", "security", "complexity:small", "single-file", "audit"] }],
    ["Factory's prefixed labels", { labels: ["type:security", "severity:high", "audit"] }],
    ["only a prefixed severity", { labels: ["severity:low", "audit"] }],
    ["a `Parent audit: #N` line", { labels: ["audit"], body: RUNBOOK_BODY }],
    ["Factory's finding marker", { labels: ["audit"], body: "<!-- factory:finding fp=abc audit=#4 -->" }],
    ["Factory's framework marker", { labels: ["audit"], body: "<!-- factory:framework fp=abc audit=#4 -->" }],
  ])("never takes an implementation issue with %s for an audit, whatever its title and labels", (_name, issue) => {
    for (const title of ["security(api): add rate limiting to webhook endpoint", "[Audit] finding: rate limiting", "audit: rate limiting"]) {
      expect(isAuditIssue({ title, ...issue, auditLabel: "audit" })).toBe(false);
    }
  });

  it("never takes a pull request for an audit", () => {
    expect(isAuditIssue({ title: "[Audit] x", labels: [], auditLabel: "audit", isPullRequest: true })).toBe(false);
  });
});

describe("looksLikeImplementationIssue", () => {
  it("needs more than one plain label: an audit is often labelled with its subject", () => {
    expect(looksLikeImplementationIssue({ labels: ["security"] })).toBe(false);
    expect(looksLikeImplementationIssue({ labels: ["security", "high"] })).toBe(true);
    expect(looksLikeImplementationIssue({ labels: [], body: RUNBOOK_BODY })).toBe(true);
    expect(looksLikeImplementationIssue({ labels: ["agentic", "complexity:large"], body: "## Child Issues\n\n- [ ] #3 - fix" })).toBe(false);
  });
});
