import type { Config } from "../../config/schema.js";
import type { Action } from "../../model/action.js";
import { childrenOf } from "../../model/epic-document.js";
import { planEpics, type EpicPlan } from "./plan-epics.js";
import { planProtection } from "./plan-epic-ruleset.js";
import { planReconcile, type EpicToReconcile } from "./plan-reconcile.js";
import type { EpicsObservation } from "./read-epics.js";

/** What `/factory epic` answers beyond its actions: the plan, and what could not be done. */
export interface EpicFlowReply {
  plan: EpicPlan;
  /** Known before applying: e.g. nothing to mirror on epic branches. */
  notes: string[];
}

/** The ref a new epic's `createIssue` carries: later actions of the plan name it so. */
export const newEpicRef = (batch: string) => `epic:${batch}`;

/**
 * Plans `/factory epic` whole, pure (SPEC §1.2): the labels it uses, each new
 * epic's issue (named by a ref, so its branch, links and comments can follow
 * in the same plan), new phases on existing epics, the label on issues left
 * for direct dispatch, then what every Factory epic must have
 * (`planReconcile`) and, with `epics.protect`, the ruleset on epic branches.
 */
export function planEpicFlow(params: { seen: EpicsObservation; config: Pick<Config, "epics" | "labels">; now: Date }): { actions: Action[]; reply: EpicFlowReply } {
  const { seen, config } = params;
  const plan = seen.plan ?? planEpics({ candidates: seen.candidates, epics: seen.epics, config, now: params.now });
  const actions: Action[] = [...labelActions({ plan, config, labels: seen.labels })];
  const reconcile: Array<{ epic: EpicToReconcile; facts: Parameters<typeof planReconcile>[0]["facts"] }> = [];
  const head = seen.defaultHead ? { defaultHead: seen.defaultHead } : {};
  for (const epic of plan.epics) {
    const ref = newEpicRef(epic.batch);
    const marker = { kind: "epic" as const, fields: { theme: epic.theme, slug: epic.slug, batch: epic.batch } };
    actions.push({ kind: "createIssue", key: `epic:${epic.batch}`, ref, title: epic.title, body: epic.body, labels: [config.labels.epic], marker });
    const epicToReconcile = { number: { ref }, slug: epic.slug, children: epic.children, createdAt: params.now.toISOString(), isNew: true };
    reconcile.push({ epic: epicToReconcile, facts: { branchExists: false, linked: new Set(), ids: seen.ids, ...head } });
  }
  for (const extension of plan.extensions) {
    actions.push({ kind: "appendEpicPhases", key: `extend:${extension.epic}:${extension.children.join(",")}`, epic: extension.epic, phases: extension.phases });
  }
  actions.push(...plan.direct.map((issue): Action => ({ kind: "addLabels", key: `direct:${issue}`, issue, labels: [config.labels.direct] })));
  for (const epic of seen.epics.filter((e) => e.factory)) {
    const facts = seen.facts.get(epic.number);
    if (!facts) continue;
    const extension = plan.extensions.find((x) => x.epic === epic.number);
    const children = [...childrenOf(epic.document).map((c) => c.number), ...(extension?.children ?? [])];
    const createdAt = seen.createdAt.get(epic.number) ?? params.now.toISOString();
    reconcile.push({ epic: { number: epic.number, slug: epic.document.slug, children, createdAt, isNew: false }, facts: { ...facts, ...head } });
  }
  for (const item of reconcile) actions.push(...planReconcile({ ...item, branchPrefix: config.epics.branchPrefix }));
  const protection = reconcile.length > 0 ? planProtection({ config, protect: seen.protect }) : { actions: [], notes: [] };
  return { actions: [...actions, ...protection.actions], reply: { plan, notes: protection.notes } };
}

/** The labels the plan uses that the repository lacks: the epic label when epics are made, the direct label when issues are left for direct dispatch. */
function labelActions(params: { plan: EpicPlan; config: Pick<Config, "labels">; labels: ReadonlySet<string> }): Action[] {
  const { plan, config, labels } = params;
  const actions: Action[] = [];
  if (plan.epics.length > 0 && !labels.has(config.labels.epic.toLowerCase())) {
    actions.push({ kind: "ensureLabel", key: `label:${config.labels.epic}`, name: config.labels.epic, color: "3e4b9e", description: "An epic: children grouped in phases on one branch" });
  }
  if (plan.direct.length > 0 && !labels.has(config.labels.direct.toLowerCase())) {
    actions.push({ kind: "ensureLabel", key: `label:${config.labels.direct}`, name: config.labels.direct, color: "c5def5", description: "Dispatched on its own, without an epic" });
  }
  return actions;
}
