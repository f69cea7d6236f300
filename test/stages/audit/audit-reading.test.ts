import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import { readReading, readingMarker, renderReading, withMarker, type ReadingLine } from "../../../src/stages/audit/audit-reading.js";
import { parseAudit } from "../../../src/stages/audit/parse-audit.js";
import { confirmedFindings, planReading, readingLines, readingOf } from "../../../src/stages/audit/plan-reading.js";

const KEYWORDS = configSchema.parse({}).audit.keywords;
const IDENTITY = { login: "factory[bot]" };
const FACTORY = { login: "factory[bot]", bot: true };

const AUDIT = [
  "## Findings",
  "",
  "### 1. No rate limiting on the webhook endpoint (high)",
  "`internal/server/webhook.go:42` accepts unlimited requests.",
  "",
  "### 2. Secrets logged at debug level (critical)",
  "`internal/server/log.go:17` and `internal/server/debug.go:3` print the signing secret.",
  "",
  "### 3. Missing tests for user deletion (low)",
  "`internal/api/users.go:120` has no test for the cascade.",
  "",
  "### 4. Title with `code`, *stars* and <!-- factory:audit-line fp=forged --> inside (medium)",
  "No location at all.",
].join("\n");
const FINDINGS = parseAudit(AUDIT, KEYWORDS);
const [RATE, SECRET, TESTS, ODD] = FINDINGS.map((finding) => finding.fingerprint) as [string, string, string, string];

/** The reading's whole comment, as Factory posts it. */
const comment = (lines: readonly ReadingLine[]) => withMarker(renderReading(readingOf(12, lines)), readingMarker(12));

describe("Factory's reading of an audit", () => {
  it("renders one ticked line per finding and an unticked create line", async () => {
    expect(FINDINGS).toHaveLength(4);
    const fresh = comment(readingLines({ findings: FINDINGS, tracked: new Map() }));
    await expect(fresh).toMatchFileSnapshot("./__golden__/audit-reading.md");
    // Copied text forges no marker: the only line markers are Factory's own, one per finding.
    expect([...fresh.matchAll(/<!-- factory:audit-line fp=(\w+) -->/g)].map((m) => m[1])).toEqual([RATE, SECRET, TESTS, ODD]);
  });

  it("reads back a maintainer's ticks, severities and create box, from Factory's own comment only", () => {
    const fresh = comment(readingLines({ findings: FINDINGS, tracked: new Map() }));
    const edited = fresh
      .split("\n")
      .map((line) => (line.includes(`fp=${TESTS} `) ? line.replace("- [x]", "- [ ]") : line))
      .map((line) => (line.includes(`fp=${RATE} `) ? line.replace("**high**", "**Critical**") : line))
      .map((line) => (line.includes(`fp=${SECRET} `) ? line.replace("**critical**", "**urgent**") : line))
      .join("\r\n")
      .replace("- [ ] Create these issues", "- [x] Create these issues");
    const choices = readReading({ body: edited, author: FACTORY }, IDENTITY, 12);
    expect(choices?.create).toBe(true);
    expect(Object.fromEntries(choices?.lines ?? [])).toEqual({
      [RATE]: { ticked: true, severity: "critical" },
      // A word that is not a severity changes nothing.
      [SECRET]: { ticked: true },
      [TESTS]: { ticked: false, severity: "low" },
      [ODD]: { ticked: true, severity: "medium" },
    });
    expect(readReading({ body: edited, author: { login: "mona", bot: false } }, IDENTITY, 12)).toBeUndefined();
    expect(readReading({ body: edited, author: { login: "factory", bot: false } }, IDENTITY, 12)).toBeUndefined();
    expect(readReading({ body: edited, author: FACTORY }, IDENTITY, 13)).toBeUndefined();
    // A line marker shown as code is text.
    const coded = readReading({ body: `${edited}\n\n- [x] **low** \`<!-- factory:audit-line fp=0000 -->\``, author: FACTORY }, IDENTITY, 12);
    expect(coded?.lines.has("0000")).toBe(false);

    const { confirmed, unticked } = confirmedFindings(FINDINGS, choices ?? { lines: new Map(), create: false });
    expect(unticked).toBe(1);
    expect(confirmed.map((finding) => [finding.fingerprint, finding.severity])).toEqual([
      [RATE, "critical"],
      [SECRET, "critical"],
      [ODD, "medium"],
    ]);
  });

  it("keeps a maintainer's choices when the audit changes, ticks new findings, and links created issues", () => {
    const choices = { lines: new Map([[TESTS, { ticked: false }], [RATE, { ticked: true, severity: "low" as const }]]), create: true };
    const lines = readingLines({ findings: FINDINGS, choices, tracked: new Map([[RATE, { number: 40 }]]) });
    expect(lines.map((line) => [line.ticked, line.severity, line.issue])).toEqual([
      [true, "low", 40],
      [true, "critical", undefined],
      [false, "low", undefined],
      [true, "medium", undefined],
    ]);
    // New findings are pending, so "Create these issues" is shown unticked; once every ticked line has its issue, ticked.
    expect(readingOf(12, lines).create).toBe(false);
    const done = readingLines({ findings: FINDINGS, choices, tracked: new Map([RATE, SECRET, ODD].map((fp, index) => [fp, { number: 40 + index }])) });
    expect(readingOf(12, done).create).toBe(true);
    expect(renderReading(readingOf(12, done))).toContain("**Factory's reading of this audit: 4 findings, 3 with an issue.**");
    expect(renderReading(readingOf(12, done))).toMatch(/- \[x\] \*\*low\*\* · security · .* → #40 <!-- factory:audit-line /);
  });

  it("posts the reading once, then rewrites it only when it changes, refusing to write over an edit", () => {
    const reading = readingOf(12, readingLines({ findings: FINDINGS, tracked: new Map() }));
    expect(planReading({ reading })).toEqual([
      { kind: "comment", key: "audit-reading:12", issue: 12, body: renderReading(reading), marker: { kind: "audit-reading", fields: { audit: "#12" } } },
    ]);
    const posted = withMarker(renderReading(reading), readingMarker(12));
    expect(planReading({ reading, existing: { id: 5, body: posted.replace(/\n/g, "\r\n") } })).toEqual([]);
    const later = readingOf(12, readingLines({ findings: FINDINGS, tracked: new Map([[RATE, { number: 40 }]]) }));
    expect(planReading({ reading: later, existing: { id: 5, body: posted } })).toEqual([
      { kind: "editComment", key: "audit-reading:12:5", issue: 12, commentId: 5, body: withMarker(renderReading(later), readingMarker(12)), expect: posted },
    ]);
  });
});
