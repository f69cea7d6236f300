import { describe, expect, it } from "vitest";
import { journalOrigin, journalRecord } from "../../../src/stages/monitor/journal-record.js";
import { toMonitorChildren } from "../../../src/stages/monitor/to-monitor-children.js";
import type { EpicData } from "../../../src/stages/monitor/read-epic-data.js";
import { child, merged, snapshot } from "./monitor-fixture.js";

const raw = (number: number, body: string, labels: string[]) => ({ number, title: `t${number}`, state: "OPEN", stateReason: null, body, labels: { nodes: labels.map((name) => ({ name })) } });

describe("the journal's origin", () => {
  it("reads each child's source from its body: audit and, for a framework issue, what it covers", () => {
    const data = {
      c11: raw(11, "Parent audit: #4\n\n<!-- factory:framework fp=p1 audit=#4 -->\n\n## Covers\n\n- [ ] #12 one\n- [ ] #13 two\n", []),
      c12: raw(12, "Parent audit: #4\n\n<!-- factory:finding fp=f1 audit=#4 -->\n", []),
      c13: raw(13, "Parent audit: #183\n\n## Finding\n\n…", []),
      c14: raw(14, "Just a feature.", []),
    } as unknown as EpicData;
    const children = toMonitorChildren(data, [11, 12, 13, 14]);
    expect([...children.values()].map((c) => c.source)).toEqual([{ audit: 4, covers: [12, 13] }, { audit: 4 }, { audit: 183 }, undefined]);
  });

  it("fills the runbook's fields: audit issue, category, severity, scope, pattern and framework issue", () => {
    const framework = child(11, { labels: ["severity:high", "type:security", "scope:framework"], source: { audit: 4, covers: [12] } });
    const covered = child(12, { labels: ["high", "security", "complexity:small", "single-file", "audit"], source: { audit: 4 } });
    const alone = child(13, { labels: ["low", "docs"], source: { audit: 183 } });
    const snap = snapshot({ children: [framework, covered, alone] });
    expect(journalOrigin(snap, covered)).toEqual({
      type: "audit",
      audit_issue: 4,
      audit_category: "security",
      finding_severity: "high",
      finding_scope: "single-file",
      pattern_detected: true,
      framework_issue: 11,
    });
    expect(journalOrigin(snap, framework)).toMatchObject({ finding_scope: "framework", pattern_detected: true, framework_issue: 11 });
    expect(journalOrigin(snap, alone)).toEqual({ type: "audit", audit_issue: 183, audit_category: "docs", finding_severity: "low", pattern_detected: false });
  });

  it("takes a runbook issue labelled `framework` for a framework issue", () => {
    const own = child(12, { labels: ["medium", "quality", "framework"], source: { audit: 9 } });
    expect(journalOrigin(snapshot({ children: [own] }), own)).toMatchObject({ finding_scope: "framework", pattern_detected: true, framework_issue: 12 });
  });

  it("is left out of the record when nothing names the child's audit", () => {
    const plain = child(12, { pulls: [merged(50)] });
    const withAudit = child(12, { pulls: [merged(50)], labels: ["type:quality"], source: { audit: 3 } });
    const record = (c: typeof plain) => journalRecord({ snapshot: snapshot({ children: [c] }), child: c, pull: merged(50), outcome: "merged", escalationLabel: "needs-intervention" });
    expect(record(plain)).not.toHaveProperty("origin");
    expect(record(withAudit).origin).toEqual({ type: "audit", audit_issue: 3, audit_category: "quality", pattern_detected: false });
  });
});
