import { describe, expect, it } from "vitest";
import { nudgeText } from "../../../src/stages/monitor/nudge-text.js";

describe("nudgeText", () => {
  it.each<[Parameters<typeof nudgeText>, string]>([
    [["checks", ["test", "lint"]], "Can you fix the failing checks: `test`, `lint`?"],
    [["checks", ["ci / build (ubuntu)"]], "Can you fix the failing checks: `ci / build (ubuntu)`?"],
    [["reviews", []], "Can you fix the code reviews?"],
    [["conflict", []], "Can you fix the merge conflict?"],
    [["reviews", ["ignored"]], "Can you fix the code reviews?"],
  ])("%j → %s", (args, expected) => {
    expect(nudgeText(...args)).toBe(expected);
  });

  it("keeps a check name with backticks inside one code span", () => {
    expect(nudgeText("checks", ["run `npm test`"])).toBe("Can you fix the failing checks: `` run `npm test` ``?");
  });

  it("keeps mentions and issue links of a check name inert in a code span", () => {
    expect(nudgeText("checks", ["@admin closes #1"])).toBe("Can you fix the failing checks: `@admin closes #1`?");
  });

  it("shortens a very long check name to 80 characters", () => {
    const text = nudgeText("checks", ["x".repeat(100)]);
    expect(text).toBe(`Can you fix the failing checks: \`${"x".repeat(79)}…\`?`);
  });
});
