import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import { parseAudit } from "../../../src/stages/audit/parse-audit.js";
import { readAudit } from "../../../src/stages/audit/read-audit.js";
import { renderAuditAnswer } from "../../../src/stages/audit/render-audit-answer.js";
import { readStructuredAudit } from "../../../src/stages/audit/structured-audit.js";

const KEYWORDS = configSchema.parse({}).audit.keywords;

/** The issue form, and the body GitHub makes of its prefilled text: the field's label as a `###` heading, then the text. */
const FORM = parse(readFileSync(new URL("../../../.github/ISSUE_TEMPLATE/audit.yml", import.meta.url), "utf8")) as {
  title: string;
  labels: string[];
  body: Array<{ type: string; id?: string; attributes: { label?: string; value?: string } }>;
};
const FIELD = FORM.body.find((item) => item.type === "textarea");
const FORM_BODY = `### ${FIELD?.attributes.label}\n\n${FIELD?.attributes.value}`;

/** What a finding says, without the parts generated from it. */
const shape = (findings: ReturnType<typeof parseAudit>) =>
  findings.map(({ title, summary, severity, type, scope, complexity, locations, fix, details }) => ({ title, summary, severity, type, scope, complexity, locations, fix, details }));

describe("the structured audit format", () => {
  it("reads the issue form's example exactly", () => {
    expect(FORM.title).toBe("[Audit] ");
    expect(FORM.labels).toEqual(["factory:audit"]);
    const read = readStructuredAudit(FORM_BODY, KEYWORDS);
    expect(read.declared).toBe(true);
    if (!read.declared) return;
    expect(read.problems).toEqual([]);
    expect(shape(read.findings)).toEqual([
      {
        title: "security(server): no rate limiting on the webhook endpoint",
        summary: "No rate limiting on the webhook endpoint",
        severity: "high",
        type: "security",
        scope: "single-file",
        complexity: "small",
        locations: [{ path: "internal/server/webhook.go", line: 42 }],
        fix: "Limit requests per installation with a token bucket and answer 429 beyond it.",
        details: "The endpoint accepts any number of requests, so one noisy installation can starve the others.",
      },
      {
        title: "security(server): signing secret logged at debug level",
        summary: "Signing secret logged at debug level",
        severity: "critical",
        type: "security",
        scope: "package",
        complexity: "medium",
        locations: [
          { path: "internal/server/log.go", line: 17 },
          { path: "internal/server/debug.go", line: 8 },
        ],
        fix: undefined,
        details: "Debug logging prints the webhook signing secret in full.",
      },
    ]);
    expect(new Set(read.findings.map((finding) => finding.fingerprint)).size).toBe(2);
    // The same finding written any other way keeps its fingerprint: it is the summary and the files.
    expect(readAudit(FORM_BODY, KEYWORDS)).toMatchObject({ structured: true, problems: [] });
  });

  it("takes the stated values over any guess, and a path the prose mentions is not a location", () => {
    const body = ["Format: factory-audit/1", "", "## Slow tests in the security suite", "- Severity: LOW", "- Type: Docs", "- Location: `docs/testing.md`", "", "See `internal/api/auth_test.go:10`, which is critical."].join("\n");
    const read = readStructuredAudit(body, KEYWORDS);
    expect(read.declared && shape(read.findings)).toEqual([
      expect.objectContaining({ severity: "low", type: "docs", locations: [{ path: "docs/testing.md" }], title: "docs: slow tests in the security suite" }),
    ]);
  });

  it("lists every problem of a body that declares the format and breaks it, by line, and reads no finding", () => {
    const body = [
      "Format: factory-audit/1", // 1
      "",
      "### 1. SQL injection", // 3
      "",
      "## SQL injection in account search", // 5
      "- Severity: urgent", // 6
      "- Type: security",
      "- Location: internal/store/accounts.go:142", // 8
      "- Effort: S", // 9
      "",
      "## Webhook signature compared with ==", // 11
      "- Severity: high",
      "- Severity: high", // 13
      "- Location: `internal/api/webhook.go:88`",
      "",
      "## No fields here", // 16
      "",
      "Just prose.",
    ].join("\n");
    const read = readStructuredAudit(body, KEYWORDS);
    expect(read).toEqual({
      declared: true,
      findings: [],
      problems: [
        { line: 3, message: "the heading `### 1. SQL injection` comes before the first finding: each finding starts with a `## ` heading (group findings under `# ` headings if needed)" },
        { line: 6, message: "severity `urgent` is not one of critical, high, medium, low" },
        { line: 8, message: "location `internal/store/accounts.go:142` is not one or more code spans such as `src/api/users.ts:42`, separated by commas" },
        { line: 9, message: "`- Effort: S` is not a field: a finding's fields are `- Severity:`, `- Type:`, `- Location:`, `- Fix:`, one per line" },
        { line: 11, message: "the finding `## Webhook signature compared with ==` has no `- Type:` field" },
        { line: 13, message: "the `Severity` field is given twice for one finding" },
        { line: 16, message: "the finding `## No fields here` has no field list: its heading must be followed by `- Severity: …`, `- Type: …` and `- Location: …` lines" },
      ],
    });
    const answer = renderAuditAnswer({ outcomes: [{ number: 7, findings: 0, created: [], frameworks: [], alreadyTracked: 0, problems: read.declared ? read.problems : [] }], all: false, auditLabel: "factory:audit", dryRun: false });
    expect(answer.text).toContain("#7 declares Factory's structured audit format (`Format: factory-audit/1`) but does not follow it, so Factory created nothing.");
    expect(answer.text).toContain("\n- line 9: `- Effort: S` is not a field");
  });

  it("says what is wrong with the declaration itself", () => {
    const problems = (body: string) => {
      const read = readStructuredAudit(body, KEYWORDS);
      return read.declared ? read.problems : undefined;
    };
    expect(problems("Format: factory-audit/2\n\n## A\n- Severity: low\n- Type: docs\n- Location: `a.md`\n")).toEqual([
      { line: 1, message: "`factory-audit/2` is not a format Factory reads: the declaration must read `Format: factory-audit/1`" },
    ]);
    expect(problems("Intro.\n\nFormat: factory-audit/1\nand more text\n")).toEqual([
      { line: 3, message: "the declaration must be alone on its line, with a blank line after it: `Format: factory-audit/1`" },
    ]);
  });

  it("leaves a body without the declaration to the heuristic parser", () => {
    const body = "## Findings\n\n### No rate limiting (high)\n`internal/server/webhook.go:42` accepts unlimited requests.\n";
    expect(readStructuredAudit(body, KEYWORDS)).toEqual({ declared: false });
    expect(readAudit(body, KEYWORDS)).toEqual({ structured: false, findings: parseAudit(body, KEYWORDS), problems: [] });
    // A declaration inside code, or after the first finding, declares nothing.
    expect(readStructuredAudit("```\nFormat: factory-audit/1\n```\n", KEYWORDS)).toEqual({ declared: false });
    expect(readStructuredAudit("## A\n\nFormat: factory-audit/1\n", KEYWORDS)).toEqual({ declared: false });
  });
});
