import type { Config } from "../../config/schema.js";
import type { Action } from "../../model/action.js";
import { hasLabel } from "./has-label.js";
import type { AdoptPlan, AdoptSnapshot } from "./adopt-plan.js";
import { renderAdoptionRecord } from "./render-adopt-answer.js";

/**
 * The writes of an adoption, in this order so a crash leaves something a
 * rerun finishes: the body in Factory's epic format, Factory's adoption
 * record (once), then the labels.
 */
export function adoptActions(params: { plan: AdoptPlan; snapshot: AdoptSnapshot; config: Pick<Config, "labels">; body: string; by: string }): Action[] {
  const { snapshot, config } = params;
  const { issue } = snapshot;
  const actions: Action[] = [{ kind: "editIssueBody", key: `adopt-body:${issue.number}`, issue: issue.number, body: params.body, expect: issue.body }];
  if (!snapshot.adoptionRecorded) {
    actions.push({
      kind: "comment",
      key: `adopted:${issue.number}`,
      issue: issue.number,
      body: renderAdoptionRecord({ plan: params.plan, by: params.by }),
      marker: { kind: "adopted", fields: { epic: `#${issue.number}`, by: params.by } },
    });
  }
  const labels = [
    { name: config.labels.epic, color: "3e4b9e", description: "An epic: children grouped in phases on one branch" },
    { name: config.labels.adopted, color: "5319e7", description: "An epic made by hand that Factory runs since /factory adopt" },
  ];
  for (const label of labels) {
    if (!snapshot.repoLabels.has(label.name.toLowerCase())) actions.push({ kind: "ensureLabel", key: `label:${label.name}`, ...label });
  }
  const missing = labels.map((label) => label.name).filter((name) => !hasLabel(issue.labels, name));
  if (missing.length > 0) actions.push({ kind: "addLabels", key: `adopt-labels:${issue.number}`, issue: issue.number, labels: missing });
  return actions;
}
