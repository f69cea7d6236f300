import { describe, expect, it } from "vitest";
import { classificationLabel, classifiedByLabels, readLabelValues, typedByLabels } from "../../src/stages/label-values.js";

describe("readLabelValues", () => {
  it("reads Factory's prefixed labels, in any case", () => {
    expect(readLabelValues(["Type:Security", "severity:HIGH", "complexity:small", "scope:single-file", "bug"])).toEqual({
      type: "security",
      severity: "high",
      complexity: "small",
      scope: "single-file",
    });
  });

  it("reads a runbook's plain labels: the bare value for type, severity and scope, complexity with its prefix", () => {
    expect(readLabelValues(["high", "security", "complexity:small", "single-file", "audit", "lang:go"])).toEqual({
      type: "security",
      severity: "high",
      complexity: "small",
      scope: "single-file",
    });
    expect(readLabelValues(["docs", "low", "framework"])).toEqual({ type: "docs", severity: "low", scope: "framework" });
  });

  it("takes a bare `medium` for a severity, never a complexity", () => {
    expect(readLabelValues(["medium"])).toEqual({ severity: "medium" });
  });

  it("lets a prefixed label win over a plain one of the same dimension, wherever it stands", () => {
    expect(readLabelValues(["high", "quality", "severity:low", "type:testing"])).toEqual({ type: "testing", severity: "low" });
  });

  it("keeps the first label of one spelling", () => {
    expect(readLabelValues(["security", "performance", "type:docs", "type:quality"])).toEqual({ type: "docs" });
  });

  it("reads label objects as GitHub sends them, and ignores unknown values", () => {
    expect(readLabelValues([{ name: "critical" }, { name: "type:feature" }, {}, "scope:everything", "enhancement"])).toEqual({ severity: "critical" });
  });
});

describe("classifiedByLabels and typedByLabels", () => {
  it.each([
    ["a prefixed type", ["type:security"], true, true],
    ["a prefixed severity", ["severity:high"], true, false],
    ["a runbook's full set", ["high", "security", "complexity:small", "single-file", "audit"], true, true],
    ["a plain type with a complexity", ["quality", "complexity:medium"], true, true],
    ["a plain severity with a scope", ["low", "package"], true, false],
    ["one plain type (an audit labelled by its subject)", ["security", "audit"], false, false],
    ["one plain severity", ["high"], false, false],
    ["a runbook epic's labels", ["agentic", "complexity:large"], false, false],
    ["two plain types only", ["security", "quality"], false, false],
    ["nothing of the sort", ["bug", "audit"], false, false],
  ])("%s", (_name, labels, classified, typed) => {
    expect(classifiedByLabels(labels)).toBe(classified);
    expect(typedByLabels(labels)).toBe(typed);
  });
});

describe("classificationLabel", () => {
  it("spells prefixed labels by default", () => {
    expect(["severity", "type", "complexity", "scope"].map((d) => classificationLabel(d as "type", "x"))).toEqual(["severity:x", "type:x", "complexity:x", "scope:x"]);
  });

  it("spells plain labels as the runbook does: complexity keeps its prefix", () => {
    expect(classificationLabel("severity", "high", "plain")).toBe("high");
    expect(classificationLabel("type", "security", "plain")).toBe("security");
    expect(classificationLabel("complexity", "small", "plain")).toBe("complexity:small");
    expect(classificationLabel("scope", "single-file", "plain")).toBe("single-file");
  });

  it("reads back what it writes, in either scheme", () => {
    for (const scheme of ["prefixed", "plain"] as const) {
      const labels = [classificationLabel("severity", "medium", scheme), classificationLabel("type", "docs", scheme), classificationLabel("complexity", "large", scheme), classificationLabel("scope", "package", scheme)];
      expect(readLabelValues(labels)).toEqual({ severity: "medium", type: "docs", complexity: "large", scope: "package" });
    }
  });
});
