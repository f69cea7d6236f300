import type { FactoryHarness } from "../helpers/factory-harness.js";

/**
 * Opens a ready implementation issue on acme/api as `by`: a
 * `security(api): …` title, one location, acceptance criteria, and the type
 * and severity labels — which GitHub drops when `by` cannot triage.
 */
export function readyIssue(h: FactoryHarness, what: string, by = "mona"): number {
  return h.sandbox.as(by).createIssue({
    owner: "acme",
    repo: "api",
    title: `security(api): ${what}`,
    body: `- \`internal/${what.split(" ")[0]}/x.go:1\`\n\n## Acceptance criteria\n\n- [ ] it works\n`,
    labels: ["type:security", "severity:high"],
  }).number;
}
