import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import { detectPatterns } from "../../../src/stages/audit/detect-patterns.js";
import { toFindingJson } from "../../../src/stages/audit/finding-json.js";
import { parseAudit } from "../../../src/stages/audit/parse-audit.js";

const DIR = new URL("../../../fixtures/audits/", import.meta.url);
const KEYWORDS = configSchema.parse({}).audit.keywords;
const read = (name: string) => readFileSync(new URL(name, DIR), "utf8");

/**
 * How many findings a careful reader counts in each fixture. The golden files
 * hold the whole parse; this table is the human count they must agree with,
 * so a golden cannot drift by being regenerated.
 */
const HUMAN_COUNT: Record<string, number> = {
  "all-fixed-checklist": 0,
  "bracket-severity-tags": 9,
  "code-blocks": 5,
  "emoji-severity": 8,
  "french-constats": 5,
  "german-befunde": 6,
  "hostile-content": 5,
  "location-formats": 7,
  "long-200": 200,
  "no-findings": 0,
  "numbered-bold-leads": 7,
  "numbered-headings-fields": 8,
  "owasp-top10": 12,
  "pattern-rate-limiting-table": 7,
  "pattern-request-timeouts": 6,
  "pentest-report-subsections": 7,
  "priority-p0-p3-headings": 8,
  "severity-bullets": 7,
  "severity-headings": 8,
  "spanish-hallazgos": 5,
  "table-issue-location-priority": 9,
  "table-sev-finding-file": 10,
  "task-list": 6,
  "tech-debt-scope-effort": 6,
};

const fixtures = readdirSync(DIR)
  .filter((file) => file.endsWith(".md") && file !== "README.md")
  .map((file) => file.replace(/\.md$/, ""))
  .sort();

describe("audit fixtures parse to the findings a human counts", () => {
  it("has a human count for every fixture, and at least 15 fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    expect(fixtures).toEqual(Object.keys(HUMAN_COUNT).sort());
  });

  it.each(fixtures)("%s", async (name) => {
    const findings = parseAudit(read(`${name}.md`), KEYWORDS);
    expect(findings).toHaveLength(HUMAN_COUNT[name] as number);
    // The whole parse, compared with the golden file (`npx vitest run -u` rewrites it after a reviewed change).
    await expect(`${JSON.stringify(findings.map(toFindingJson), null, 2)}\n`).toMatchFileSnapshot(new URL(`${name}.expected.json`, DIR).pathname);
  });

  it("parses the same body twice to the same fingerprints, and ignores whitespace and case edits", () => {
    const body = read("severity-headings.md");
    const first = parseAudit(body, KEYWORDS).map((f) => f.fingerprint);
    expect(parseAudit(body, KEYWORDS).map((f) => f.fingerprint)).toEqual(first);
    const edited = body.replace(/Hard-coded Stripe secret key/, "hard-coded   STRIPE secret key").replace(/\n/g, "\r\n");
    expect(parseAudit(edited, KEYWORDS).map((f) => f.fingerprint)).toEqual(first);
  });

  it("finds the two patterns the fixtures were written with, and none elsewhere", () => {
    const found = Object.fromEntries(
      fixtures
        .filter((name) => name !== "long-200")
        .map((name) => [name, detectPatterns(parseAudit(read(`${name}.md`), KEYWORDS)).map((p) => [p.fixKind, p.components])])
        .filter(([, patterns]) => (patterns as unknown[]).length > 0),
    );
    expect(found).toEqual({
      "pattern-rate-limiting-table": [["rate-limiting", ["api", "auth", "export", "invite"]]],
      "pattern-request-timeouts": [["timeouts", ["billing", "geocode", "notify", "search"]]],
    });
  });

  it("neutralises what hostile audits put in titles and details", () => {
    const findings = parseAudit(read("hostile-content.md"), KEYWORDS);
    for (const finding of findings) {
      for (const text of [finding.title, finding.details, finding.fix ?? ""]) {
        const outsideCode = text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
        expect(outsideCode).not.toMatch(/(^|[^\w])@(everyone|some-user)\b/);
        expect(outsideCode).not.toMatch(/\b(fixes|closes|resolves)\s+#\d/i);
        // Escaped (`\<img`) is shown as text by GitHub; a bare tag would be rendered.
        expect(outsideCode).not.toMatch(/(?<!\\)<(img|script|details)\b/i);
      }
      expect(finding.title.length).toBeLessThanOrEqual(100);
    }
  });
});
