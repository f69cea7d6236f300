import { describe, expect, it } from "vitest";
import { readCandidate, type IssueFacts } from "../../../src/stages/epic/read-candidate.js";

/** An implementation issue as the audit runbook creates it: plain labels and `audit`, `Parent audit: #N` first in the body. */
function runbookIssue(overrides: Partial<IssueFacts> = {}): IssueFacts {
  return {
    number: 31,
    title: "security(api): add rate limiting to webhook endpoint",
    body: "Parent audit: #4\n\n## Finding\n\nNo rate limit.\n\n## Location\n\n- `internal/server/webhook.go:42`\n\n## Fix\n\nAdd a limiter.\n\n## Acceptance Criteria\n\n- [ ] Limited\n",
    labels: ["high", "security", "complexity:small", "single-file", "audit"],
    ...overrides,
  };
}

describe("readCandidate: plain labels", () => {
  it("reads the runbook's labels and parent audit", () => {
    expect(readCandidate(runbookIssue())).toMatchObject({
      type: "security",
      severity: "high",
      complexity: "small",
      scope: "single-file",
      paths: ["internal/server/webhook.go"],
      audit: 4,
    });
  });

  it("prefers a prefixed label over a plain one", () => {
    expect(readCandidate(runbookIssue({ labels: ["high", "security", "severity:low", "type:docs"] }))).toMatchObject({ type: "docs", severity: "low" });
  });

  it("takes plain labels over the title's type", () => {
    expect(readCandidate(runbookIssue({ title: "fix(api): wrap errors", labels: ["performance", "medium"] }))?.type).toBe("performance");
  });

  it("recognises an issue by plain labels with two dimensions, or by its Parent audit line", () => {
    expect(readCandidate({ number: 5, title: "Wrap errors in the store", body: "", labels: ["quality", "complexity:medium"] })).toMatchObject({ type: "quality", complexity: "medium" });
    expect(readCandidate({ number: 5, title: "Wrap errors in the store", body: "Parent audit: #2", labels: [] })).toMatchObject({ type: "quality", audit: 2 });
  });

  it("does not take one plain label for an implementation issue", () => {
    expect(readCandidate({ number: 5, title: "Improve the README", body: "", labels: ["docs"] })).toBeUndefined();
    expect(readCandidate({ number: 5, title: "Something is slow", body: "", labels: ["high"] })).toBeUndefined();
  });
});
