import type { Logger } from "probot";
import type { Config } from "../../config/schema.js";
import { hasAdoptionRecord } from "./epic-trust.js";
import { getRole } from "../../github/get-role.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { restAuthor, type FactoryIdentity } from "../../model/authorship.js";
import { isFactoryEpic } from "./is-epic-issue.js";
import { adoptRefusal, planAdopt, type AdoptGate, type AdoptPlan, type AdoptSnapshot, type AdoptTarget } from "./plan-adopt.js";
import { readAdoptSnapshot } from "./read-adopt-snapshot.js";
import { renderAdoptAnswer } from "./render-adopt-answer.js";
import { hasRole } from "../../model/permission.js";
import type { Answer } from "../commands/plan-command-reply.js";
import { defaultBranchHead } from "../../github/default-branch-head.js";
import { runFlow, type FlowPlan } from "../run-flow.js";
import { linkProblems, planReconcile } from "./plan-reconcile.js";
import { planProtection, protectionRefusals, type Protection } from "./plan-epic-ruleset.js";
import { readDefaultBranchRules } from "./read-default-branch-rules.js";
import { readLinkedChildren } from "./read-epic-facts.js";

/** What an adoption reads beyond its gate. */
interface AdoptObservation {
  snapshot: AdoptSnapshot;
  /** `planAdopt` of the snapshot, made while observing. */
  plan: AdoptPlan;
  /** Numbers of the children linked as its sub-issues already. */
  linked: ReadonlySet<number>;
  defaultHead?: { branch: string; sha: string };
  protect?: Protection;
}

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

  const run = await runFlow({
    observe: () => observeAdoption(params, gate),
    plan: (seen) => planAdoption(params, seen, data.created_at),
    writer: { octokit, repo, identity },
    dryRun: params.dryRun,
  });
  const { plan, notes, from } = run.plan.reply;
  if (plan.refused !== undefined || params.dryRun) return renderAdoptAnswer({ plan, dryRun: params.dryRun });
  const [body] = run.applied;
  if (body?.outcome === "refused") return renderAdoptAnswer({ plan, dryRun: false, outcome: { bodyRefused: body.reason ?? "the body changed", problems: [] } });
  const problems = [
    ...linkProblems(run.applied, () => plan.epic),
    ...protectionRefusals(run.applied),
    ...notes,
  ];
  params.log.info({ epic: plan.epic, by: params.by, children: plan.phases.reduce((n, p) => n + p.children.length, 0), branch: plan.branch }, "Epic adopted");
  return renderAdoptAnswer({ plan, dryRun: false, outcome: { ...(from ? { branchFrom: from } : {}), problems } });
}

/** What an adoption reads once the gate let it through: the snapshot, the issue's sub-issues, and — only when needed — the default branch's head and rules. */
async function observeAdoption(params: RunAdoptParams, gate: AdoptGate): Promise<AdoptObservation> {
  const { octokit, repo, config } = params;
  const snapshot = await readAdoptSnapshot({ octokit, repo, identity: params.identity, config, gate });
  // Planning is pure and the plan is kept: it says what else to read, and is not made twice.
  const plan = planAdopt({ snapshot, config, by: params.by, now: params.now });
  if (plan.refused !== undefined || params.dryRun) return { snapshot, plan, linked: new Set() };
  const linked = await readLinkedChildren({ octokit, repo, epic: gate.issue.number });
  const defaultHead = plan.branchReused ? undefined : await defaultBranchHead({ octokit, repo });
  const protect = config.epics.protect ? { rules: await readDefaultBranchRules({ octokit, repo }) } : undefined;
  return { snapshot, plan, linked, ...(defaultHead ? { defaultHead } : {}), ...(protect ? { protect } : {}) };
}

/**
 * The adoption as one plan: the body first — if someone edited it since it
 * was read, it is refused and nothing else is written — then Factory's
 * record and the labels, then what every epic must have (`planReconcile`)
 * and the ruleset on epic branches.
 */
function planAdoption(params: RunAdoptParams, seen: AdoptObservation, createdAt: string): FlowPlan<{ plan: AdoptPlan; notes: string[]; from?: { branch: string; sha: string } }> {
  const { plan } = seen;
  if (plan.refused !== undefined || params.dryRun) return { actions: [], reply: { plan, notes: [] } };
  const ids = new Map<number, number>();
  for (const found of seen.snapshot.children.values()) if (found.kind === "issue") ids.set(found.number, found.id);
  const children = plan.phases.flatMap((phase) => phase.children.map((child) => child.number));
  const epic = { number: plan.epic, slug: plan.slug, children, createdAt, isNew: true, origin: "adopted" as const };
  const facts = { branchExists: plan.branchReused === true, linked: seen.linked, ids, ...(seen.defaultHead ? { defaultHead: seen.defaultHead } : {}) };
  const ruleset = planProtection({ config: params.config, protect: seen.protect });
  const [body, ...rest] = plan.actions;
  const later = [...rest, ...planReconcile({ epic, facts, branchPrefix: params.config.epics.branchPrefix }), ...ruleset.actions];
  return {
    actions: body ? [body] : [],
    after: (applied) => (applied[0]?.outcome === "refused" ? [] : later),
    reply: { plan, notes: ruleset.notes, ...(seen.defaultHead ? { from: seen.defaultHead } : {}) },
  };
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

/** The plan of a refused adoption (only the gate was read). */
function planFor(gate: AdoptGate, params: RunAdoptParams) {
  return planAdopt({
    snapshot: { ...gate, children: new Map(), inOtherEpics: new Map(), epicBranches: [], repoLabels: new Set() },
    config: params.config,
    by: params.by,
    now: params.now,
  });
}
