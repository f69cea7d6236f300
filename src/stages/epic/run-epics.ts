import type { Logger } from "probot";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { Config } from "../../config/schema.js";
import { applyActions } from "../../github/executor/apply-actions.js";
import { listIssues, listLabelNames, type IssueView } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { Action, AppliedAction } from "../../model/action.js";
import { epicBranch } from "./epic-branch.js";
import { childrenOf } from "../../model/epic-document.js";
import { planEpics, type EpicPlan, type ExistingEpic } from "./plan-epics.js";
import { renderEpicPlan } from "./render-epic-plan.js";
import { isEpicIssue } from "./is-epic-issue.js";
import { protectEpicBranches } from "./protect-epic-branches.js";
import { defaultHeadOnce, reconcileEpic, type EpicToReconcile } from "./reconcile-epic.js";
import { readOpenEpics } from "./read-open-epics.js";
import { readVouchedCandidates } from "./read-vouched-candidates.js";
import { authorsWithPermission } from "../../github/authors-with-permission.js";

/** What `/factory epic` did. */
export interface EpicOutcome {
  plan: EpicPlan;
  created: Array<{ number: number; title: string; branch: string; children: number; phases: number }>;
  extended: Array<{ epic: number; children: number[] }>;
  /** Links GitHub refused (a child with another parent, a full parent). */
  problems: string[];
  dryRun?: string;
}

/** Inputs of {@link runEpics}. */
export interface RunEpicsParams {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "audit" | "epics" | "labels" | "commands">;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: FactoryIdentity;
  dryRun: boolean;
  now: Date;
  log: Logger;
}

/**
 * The epic flow (SPEC §1.2): observe open issues (epics, their children,
 * candidates and GitHub's issue dependencies), plan with `planEpics`, create
 * the epics, extend existing ones, label issues left for direct dispatch,
 * then reconcile every Factory epic — its branch, a `Parent: #EPIC` comment
 * and a native sub-issue link per child. Each step is ensure-style, so a
 * rerun or a run after a crash only does what is missing.
 */
export async function runEpics(params: RunEpicsParams): Promise<EpicOutcome> {
  const { octokit, repo, config } = params;
  const open = await listIssues({ octokit, repo, state: "open" });
  const epicLabel = config.labels.epic.toLowerCase();
  const isEpic = (issue: IssueView) => isEpicIssue({ ...issue, epicLabel });
  const vouched = authorsWithPermission({ octokit, repo, required: config.commands.permission });
  const epics = await readOpenEpics({ octokit, repo, identity: params.identity, labels: config.labels, open, isEpic, vouched });
  const candidates = await readVouchedCandidates({ octokit, repo, config, identity: params.identity, open, epics, isEpic, vouched });
  const existing: ExistingEpic[] = epics.map((epic) => ({ number: epic.issue.number, title: epic.issue.title, document: epic.document, factory: epic.factory }));
  const plan = planEpics({ candidates, epics: existing, config, now: params.now });
  const outcome: EpicOutcome = { plan, created: [], extended: [], problems: [] };
  if (params.dryRun) return { ...outcome, dryRun: renderEpicPlan({ plan, epics: existing, prefix: config.epics.branchPrefix }) };

  const apply = (actions: Action[]) => applyActions({ octokit, repo, identity: params.identity, actions });
  const labels = await listLabelNames({ octokit, repo });
  await apply(labelActions({ plan, config, labels }));
  const toReconcile = await writeEpicPlan({ plan, config, now: params.now, apply, outcome });
  for (const epic of epics.filter((e) => e.factory)) {
    const extension = plan.extensions.find((x) => x.epic === epic.issue.number);
    const children = [...childrenOf(epic.document).map((c) => c.number), ...(extension?.children ?? [])];
    toReconcile.push({ number: epic.issue.number, slug: epic.document.slug, children, createdAt: epic.issue.createdAt, isNew: false });
  }
  const ids = new Map(open.map((issue) => [issue.number, issue.id]));
  const defaultHead = defaultHeadOnce({ octokit, repo });
  for (const epic of toReconcile) {
    const reconciled = await reconcileEpic({ octokit, repo, branchPrefix: config.epics.branchPrefix, epic, ids, defaultHead, apply });
    outcome.problems.push(...reconciled.problems);
  }
  if (toReconcile.length > 0) outcome.problems.push(...(await protectEpicBranches({ octokit, repo, config, apply })));
  params.log.info({ created: outcome.created.map((e) => e.number), extended: outcome.extended.map((e) => e.epic) }, "Epics planned and reconciled");
  return outcome;
}

/** The labels the plan uses that the repository lacks: the epic label when epics are made, the direct label when issues are left for direct dispatch. */
function labelActions(params: { plan: EpicPlan; config: Pick<Config, "labels">; labels: ReadonlySet<string> }): Action[] {
  const { plan, config, labels } = params;
  const actions: Action[] = [];
  if ((plan.epics.length > 0) && !labels.has(config.labels.epic.toLowerCase())) {
    actions.push({ kind: "ensureLabel", key: `label:${config.labels.epic}`, name: config.labels.epic, color: "3e4b9e", description: "An epic: children grouped in phases on one branch" });
  }
  if (plan.direct.length > 0 && !labels.has(config.labels.direct.toLowerCase())) {
    actions.push({ kind: "ensureLabel", key: `label:${config.labels.direct}`, name: config.labels.direct, color: "c5def5", description: "Dispatched on its own, without an epic" });
  }
  return actions;
}

/**
 * Writes the plan: creates each new epic, extends existing ones, labels the
 * issues left for direct dispatch. Records each in `outcome` and returns the
 * new epics, to reconcile.
 */
async function writeEpicPlan(params: {
  plan: EpicPlan;
  config: Pick<Config, "epics" | "labels">;
  now: Date;
  apply: (actions: Action[]) => Promise<AppliedAction[]>;
  outcome: EpicOutcome;
}): Promise<EpicToReconcile[]> {
  const { plan, config, apply, outcome } = params;
  const toReconcile: EpicToReconcile[] = [];
  for (const epic of plan.epics) {
    const [created] = await apply([
      {
        kind: "createIssue",
        key: `epic:${epic.batch}`,
        title: epic.title,
        body: epic.body,
        labels: [config.labels.epic],
        marker: { kind: "epic", fields: { theme: epic.theme, slug: epic.slug, batch: epic.batch } },
      },
    ]);
    const number = created?.number as number;
    const branch = epicBranch({ prefix: config.epics.branchPrefix, number, slug: epic.slug });
    outcome.created.push({ number, title: epic.title, branch, children: epic.children.length, phases: epic.phases.length });
    toReconcile.push({ number, slug: epic.slug, children: epic.children, createdAt: params.now.toISOString(), isNew: true });
  }
  for (const extension of plan.extensions) {
    await apply([{ kind: "appendEpicPhases", key: `extend:${extension.epic}:${extension.children.join(",")}`, epic: extension.epic, phases: extension.phases }]);
    outcome.extended.push({ epic: extension.epic, children: extension.children });
  }
  await apply(plan.direct.map((issue) => ({ kind: "addLabels", key: `direct:${issue}`, issue, labels: [config.labels.direct] })));
  return toReconcile;
}
