import { describe, expect, it } from "vitest";
import { scoreCorpus } from "../../../scripts/score-audits.js";

/*
 * The parser against reports shaped like real ones (fixtures/audits/real/,
 * each listed in fixtures/audits/README.md with the public report it
 * models): a careful maintainer's count of findings in each, and the
 * severity, type and files of each. The floors are what Factory promises
 * for audits not written in its structured format — which is why it asks a
 * maintainer to confirm its reading of those before creating anything.
 */
const { fixtures, totals } = scoreCorpus(new URL("../../../fixtures/audits/real/", import.meta.url));
/** A total the scorer prints as "97.4%". */
const rate = (value: string | number | undefined) => Number.parseFloat(String(value));

describe("real-shaped audits", () => {
  it("has at least 30 of them", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  it("counts the findings exactly in at least 90% of them", () => {
    expect(fixtures.filter((fixture) => !fixture.exact).map((fixture) => `${fixture.name}: ${fixture.parsed} for ${fixture.expected}`).length).toBeLessThanOrEqual(
      Math.floor(fixtures.length * 0.1),
    );
  });

  it("reads every stated severity, at least 85% of types and 90% of files right", () => {
    expect(rate(totals.severityPercent)).toBe(100);
    expect(rate(totals.typePercent)).toBeGreaterThanOrEqual(85);
    expect(rate(totals.pathPercent)).toBeGreaterThanOrEqual(90);
    // The right findings, not only the right number of them.
    expect(rate(totals.matchedPercent)).toBeGreaterThanOrEqual(85);
  });
});
