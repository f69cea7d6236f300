import type { Logger } from "probot";
import type { Config } from "../../config/schema.js";
import { applyActions } from "../../github/executor/apply-actions.js";
import { hasAdoptionRecord } from "./epic-trust.js";
import { getRole } from "../../github/get-role.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { Action } from "../../model/action.js";
import { restAuthor, type FactoryIdentity } from "../../model/authorship.js";
import { isFactoryEpic } from "./is-epic-issue.js";
import { adoptRefusal, planAdopt, type AdoptGate, type AdoptPlan, type AdoptSnapshot, type AdoptTarget } from "./plan-adopt.js";
import { readAdoptSnapshot } from "./read-adopt-snapshot.js";
import { renderAdoptAnswer } from "./render-adopt-answer.js";
import { hasRole } from "../../model/permission.js";
import type { Answer } from "../commands/plan-command-reply.js";
import { protectEpicBranches } from "./protect-epic-branches.js";
import { reconcileEpic } from "./reconcile-epic.js";

/** GitHub's REST answer for one issue. */
type IssueData = Awaited<ReturnType<Octokit["rest"]["issues"]["get"]>>["data"];

/** Inputs of {@link runAdopt}. */
export interface RunAdoptParams {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "epics" | "labels" | "commands">;
  /** Factory's own account: its record is what makes the adopted epic Factory's. */
  identity: FactoryIdentity;
  /** The issue `/factory adopt` was written on. */
  issue: number;
  /** Who asked (already checked to have the command permission). */
  by: string;
  dryRun: boolean;
  now: Date;
  log: Logger;
}

/**
 * `/factory adopt` (SPEC §1.2, §5): observe the issue and who opened it,
 * then its children (one GraphQL query), the epics Factory already runs,
 * an existing epic branch and the labels; plan with `planAdopt`; apply the
 * body, Factory's adoption record and the labels first, then reconcile the
 * epic like any other (branch, sub-issues, Parent comments). A crash at any
 * point leaves an issue that a rerun of adopt, or `/factory epic`, finishes.
 */
export async function runAdopt(params: RunAdoptParams): Promise<Answer> {
  const { octokit, repo, config, identity } = params;
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number: params.issue });
  const author = restAuthor(data);
  const issue = adoptTarget(data, author);
  const permission = config.commands.permission;
  const gate: AdoptGate = {
    issue,
    madeByFactory: isFactoryEpic({ body: issue.body, author }, identity),
    adoptionRecorded: false,
    authorPermitted: true,
    permission,
  };
  // The cheap refusals first: no read is spent on a pull request, a closed issue or Factory's own epic.
  if (adoptRefusal(gate, config)) return renderAdoptAnswer({ plan: planFor(gate, params), dryRun: params.dryRun });
  gate.adoptionRecorded = await hasAdoptionRecord({ octokit, repo, identity, issue });
  gate.authorPermitted = author !== null && !author.bot && hasRole(await getRole({ octokit, repo, login: author.login }), permission);
  if (adoptRefusal(gate, config)) return renderAdoptAnswer({ plan: planFor(gate, params), dryRun: params.dryRun });

  const snapshot = await readAdoptSnapshot({ octokit, repo, identity, config, gate });
  const plan = planAdopt({ snapshot, config, by: params.by, now: params.now });
  if (plan.refused !== undefined || params.dryRun) return renderAdoptAnswer({ plan, dryRun: params.dryRun });
  return writeAdoption(params, { plan, children: snapshot.children, createdAt: data.created_at });
}

/** The issue as {@link planAdopt} reads it, from GitHub's REST answer. */
function adoptTarget(data: IssueData, author: ReturnType<typeof restAuthor>): AdoptTarget {
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? "",
    state: data.state === "closed" ? "closed" : "open",
    pullRequest: data.pull_request !== undefined && data.pull_request !== null,
    author: author?.login ?? null,
    labels: data.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))).filter(Boolean),
  };
}

/**
 * Applies an adoption: the body, then Factory's record and the labels; then
 * the epic is reconciled like any other and its branch protected.
 */
async function writeAdoption(
  params: RunAdoptParams,
  adoption: { plan: AdoptPlan; children: AdoptSnapshot["children"]; createdAt: string },
): Promise<Answer> {
  const { octokit, repo, config, identity } = params;
  const { plan } = adoption;
  const apply = (actions: Action[]) => applyActions({ octokit, repo, identity, actions });
  // The body first, alone: if someone edited it since it was read, nothing else is written.
  const [bodyAction, ...rest] = plan.actions;
  const [body] = await apply(bodyAction ? [bodyAction] : []);
  if (body?.outcome === "refused") return renderAdoptAnswer({ plan, dryRun: false, outcome: { bodyRefused: body.reason ?? "the body changed", problems: [] } });
  await apply(rest);
  const ids = new Map<number, number>();
  for (const found of adoption.children.values()) if (found.kind === "issue") ids.set(found.number, found.id);
  const reconciled = await reconcileEpic({
    octokit,
    repo,
    branchPrefix: config.epics.branchPrefix,
    epic: {
      number: plan.epic,
      slug: plan.slug,
      children: plan.phases.flatMap((phase) => phase.children.map((child) => child.number)),
      createdAt: adoption.createdAt,
      isNew: true,
      origin: "adopted",
    },
    ids,
    apply,
  });
  params.log.info({ epic: plan.epic, by: params.by, children: ids.size, branch: reconciled.branch }, "Epic adopted");
  return renderAdoptAnswer({
    plan,
    dryRun: false,
    outcome: {
      ...(reconciled.branchFrom ? { branchFrom: reconciled.branchFrom } : {}),
      problems: [...reconciled.problems, ...(await protectEpicBranches({ octokit, repo, config, apply }))],
    },
  });
}

/** The plan of a refused adoption (only the gate was read). */
function planFor(gate: AdoptGate, params: RunAdoptParams) {
  return planAdopt({
    snapshot: { ...gate, children: new Map(), inOtherEpics: new Map(), epicBranches: [], repoLabels: new Set() },
    config: params.config,
    by: params.by,
    now: params.now,
  });
}
