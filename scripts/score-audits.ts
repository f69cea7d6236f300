/**
 * Scores the audit parser against the hand-counted corpus in
 * fixtures/audits/real/. Run: `node --import tsx scripts/score-audits.ts [--json]`.
 *
 * Each `<name>.md` is parsed with the real parser (`parseAudit`, default
 * keywords from `configSchema.parse({})`) and compared with `<name>.expected.json`,
 * which lists the findings a careful maintainer would count.
 *
 * Matching (kept deliberately simple):
 * - a title is normalised to a set of tokens: lower case, every run of
 *   characters other than letters and digits is a separator, empty tokens dropped;
 * - the similarity of two titles is |A ∩ B| / max(|A|, |B|);
 * - every (expected, parsed) pair with similarity ≥ 0.5 is a candidate; candidates
 *   are taken greedily, best first (ties: earlier expected, then earlier parsed),
 *   each expected and each parsed finding used at most once.
 * The parsed side is compared through its `summary` (the title without the
 * `type(component):` prefix).
 *
 * Per fixture: expected count, parsed count, exact count yes/no; severity: of the
 * matched findings whose expected severity is stated (not null), how many equal;
 * type: of the matched findings, how many equal; paths: of the matched findings
 * with expected paths, how many have every expected path among the parsed
 * locations. A parser crash counts as 0 parsed findings and is reported.
 */
import { readFileSync, readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { configSchema } from "../src/config/schema.js";
import type { Finding } from "../src/stages/audit/finding.js";
import { parseAudit } from "../src/stages/audit/parse-audit.js";

export interface ExpectedFinding {
  title: string;
  severity: "critical" | "high" | "medium" | "low" | null;
  type: "security" | "quality" | "performance" | "testing" | "docs";
  paths: string[];
}

export interface ExpectedFile {
  source: string;
  shape: string;
  findings: ExpectedFinding[];
}

/** What the scorer needs from a parsed finding. */
export interface ParsedFinding {
  title: string;
  severity: string;
  type: string;
  paths: string[];
}

export interface FixtureScore {
  name: string;
  expected: number;
  parsed: number;
  exact: boolean;
  matched: number;
  severity: { equal: number; total: number };
  type: { equal: number; total: number };
  paths: { ok: number; total: number };
  error?: string;
}

/** Lower-cased tokens of a title: letters and digits only. */
export function tokens(title: string): Set<string> {
  return new Set(
    title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((token) => token.length > 0),
  );
}

/** |A ∩ B| / max(|A|, |B|); 0 when either title has no tokens. */
export function similarity(a: string, b: string): number {
  const left = tokens(a);
  const right = tokens(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared += 1;
  return shared / Math.max(left.size, right.size);
}

export const MATCH_THRESHOLD = 0.5;

/** Greedy best-first one-to-one matching; returns [expectedIndex, parsedIndex] pairs. */
export function matchFindings(expected: readonly { title: string }[], parsed: readonly { title: string }[]): Array<[number, number]> {
  const candidates: Array<{ e: number; p: number; score: number }> = [];
  expected.forEach((exp, e) => {
    parsed.forEach((par, p) => {
      const score = similarity(exp.title, par.title);
      if (score >= MATCH_THRESHOLD) candidates.push({ e, p, score });
    });
  });
  candidates.sort((x, y) => y.score - x.score || x.e - y.e || x.p - y.p);
  const usedE = new Set<number>();
  const usedP = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const { e, p } of candidates) {
    if (usedE.has(e) || usedP.has(p)) continue;
    usedE.add(e);
    usedP.add(p);
    pairs.push([e, p]);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

/** Compares one fixture's expected findings with the parsed ones. */
export function scoreFixture(name: string, expected: readonly ExpectedFinding[], parsed: readonly ParsedFinding[], error?: string): FixtureScore {
  const pairs = matchFindings(expected, parsed);
  const score: FixtureScore = {
    name,
    expected: expected.length,
    parsed: parsed.length,
    exact: expected.length === parsed.length,
    matched: pairs.length,
    severity: { equal: 0, total: 0 },
    type: { equal: 0, total: 0 },
    paths: { ok: 0, total: 0 },
  };
  if (error !== undefined) score.error = error;
  for (const [e, p] of pairs) {
    const exp = expected[e] as ExpectedFinding;
    const par = parsed[p] as ParsedFinding;
    if (exp.severity !== null) {
      score.severity.total += 1;
      if (exp.severity === par.severity) score.severity.equal += 1;
    }
    score.type.total += 1;
    if (exp.type === par.type) score.type.equal += 1;
    if (exp.paths.length > 0) {
      score.paths.total += 1;
      if (exp.paths.every((path) => par.paths.includes(path))) score.paths.ok += 1;
    }
  }
  return score;
}

function toParsed(finding: Finding): ParsedFinding {
  return { title: finding.summary, severity: finding.severity, type: finding.type, paths: finding.locations.map((l) => l.path) };
}

const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${((100 * part) / whole).toFixed(1)}%`);

export function scoreCorpus(dir: URL): { fixtures: FixtureScore[]; totals: Record<string, string | number> } {
  const keywords = configSchema.parse({}).audit.keywords;
  const names = readdirSync(dir)
    .filter((file) => file.endsWith(".md"))
    .map((file) => file.replace(/\.md$/, ""))
    .sort();
  const fixtures = names.map((name) => {
    const body = readFileSync(new URL(`${name}.md`, dir), "utf8");
    const expected = (JSON.parse(readFileSync(new URL(`${name}.expected.json`, dir), "utf8")) as ExpectedFile).findings;
    let parsed: ParsedFinding[] = [];
    let error: string | undefined;
    try {
      parsed = parseAudit(body, keywords).map(toParsed);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    return scoreFixture(name, expected, parsed, error);
  });
  const sum = (pick: (s: FixtureScore) => number) => fixtures.reduce((acc, s) => acc + pick(s), 0);
  const totals = {
    fixtures: fixtures.length,
    exactCounts: fixtures.filter((s) => s.exact).length,
    exactPercent: percent(fixtures.filter((s) => s.exact).length, fixtures.length),
    expectedFindings: sum((s) => s.expected),
    parsedFindings: sum((s) => s.parsed),
    matched: sum((s) => s.matched),
    matchedPercent: percent(sum((s) => s.matched), sum((s) => s.expected)),
    severityPercent: percent(sum((s) => s.severity.equal), sum((s) => s.severity.total)),
    typePercent: percent(sum((s) => s.type.equal), sum((s) => s.type.total)),
    pathPercent: percent(sum((s) => s.paths.ok), sum((s) => s.paths.total)),
  };
  return { fixtures, totals };
}

function printTable(result: ReturnType<typeof scoreCorpus>): void {
  const rows = result.fixtures.map((s) => [
    s.name,
    String(s.expected),
    String(s.parsed),
    s.exact ? "yes" : "no",
    String(s.matched),
    `${s.severity.equal}/${s.severity.total}`,
    `${s.type.equal}/${s.type.total}`,
    `${s.paths.ok}/${s.paths.total}`,
    s.error === undefined ? "" : `crash: ${s.error.slice(0, 40)}`,
  ]);
  const header = ["fixture", "exp", "parsed", "exact", "matched", "severity", "type", "paths", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ").trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
  const t = result.totals;
  console.log("");
  console.log(`exact counts: ${t.exactCounts}/${t.fixtures} (${t.exactPercent})`);
  console.log(`matched findings: ${t.matched}/${t.expectedFindings} (${t.matchedPercent}); parsed ${t.parsedFindings}`);
  console.log(`severity: ${t.severityPercent}   type: ${t.typePercent}   paths: ${t.pathPercent}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = scoreCorpus(new URL("../fixtures/audits/real/", import.meta.url));
  if (process.argv.includes("--json")) console.log(JSON.stringify(result, null, 2));
  else printTable(result);
}
