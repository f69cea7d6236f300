import { describe, expect, it } from "vitest";
import { findingLabels, labelsOfFinding } from "../../../src/stages/audit/finding-labels.js";
import type { Finding } from "../../../src/stages/audit/finding.js";
import { readLabelValues } from "../../../src/stages/label-values.js";

const FIELDS = { severity: "high", type: "security", complexity: "small", scope: "single-file" } as const;

describe("findingLabels", () => {
  it("writes prefixed labels by default, then the language", () => {
    expect(findingLabels({ ...FIELDS, language: "Go" }).map((l) => l.name)).toEqual(["severity:high", "type:security", "complexity:small", "scope:single-file", "lang:go"]);
  });

  it("writes the runbook's plain labels with labels.scheme plain, in the same colours", () => {
    const prefixed = findingLabels({ ...FIELDS, language: "Go" });
    const plain = findingLabels({ ...FIELDS, language: "Go", scheme: "plain" });
    expect(plain.map((l) => l.name)).toEqual(["high", "security", "complexity:small", "single-file", "lang:go"]);
    expect(plain.map((l) => l.color)).toEqual(prefixed.map((l) => l.color));
    expect(readLabelValues(plain.map((l) => l.name))).toEqual(FIELDS);
  });

  it("takes the scheme as a new last parameter of labelsOfFinding", () => {
    const finding = { ...FIELDS, scope: "framework", complexity: "large" } as unknown as Finding;
    expect(labelsOfFinding(finding).map((l) => l.name)).toEqual(["severity:high", "type:security", "complexity:large", "scope:framework"]);
    expect(labelsOfFinding(finding, "PHP", "plain").map((l) => l.name)).toEqual(["high", "security", "complexity:large", "framework", "lang:php"]);
  });
});
