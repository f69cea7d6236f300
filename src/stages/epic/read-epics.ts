import type { Config } from "../../config/schema.js";
import { authorsWithPermission } from "../../github/authors-with-permission.js";
import { defaultBranchHead } from "../../github/default-branch-head.js";
import { listIssues, listLabelNames, type IssueView } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { childrenOf } from "../../model/epic-document.js";
import type { Candidate } from "./candidate.js";
import { isEpicIssue } from "./is-epic-issue.js";
import { planEpics, type EpicPlan, type ExistingEpic } from "./plan-epics.js";
import type { EpicFacts } from "./plan-reconcile.js";
import { readDefaultBranchRules } from "./read-default-branch-rules.js";
import type { Protection } from "./plan-epic-ruleset.js";
import { readEpicFacts } from "./read-epic-facts.js";
import { readOpenEpics } from "./read-open-epics.js";
import { readVouchedCandidates } from "./read-vouched-candidates.js";
import { reconciledBranch } from "./plan-reconcile.js";

/** What `/factory epic` plans from. */
export interface EpicsObservation {
  candidates: Candidate[];
  epics: ExistingEpic[];
  /** `planEpics` of the candidates and epics: made while observing (it says whether the default branch is needed), kept for the plan. */
  plan?: EpicPlan;
  /** When each open epic was opened (its comments cannot be older). */
  createdAt: ReadonlyMap<number, string>;
  /** What each epic Factory runs already has. */
  facts: ReadonlyMap<number, Omit<EpicFacts, "defaultHead">>;
  /** Ids of the open issues. */
  ids: ReadonlyMap<number, number>;
  /** The repository's labels, lower-cased. */
  labels: ReadonlySet<string>;
  /** Read when an epic branch is to be made. */
  defaultHead?: { branch: string; sha: string };
  /** Read when `epics.protect` is on and there are epics to protect. */
  protect?: Protection;
}

/**
 * Observes for `/factory epic` (SPEC §1.2): the open issues, the epics (only
 * Factory's, or vouched hand-made ones), the vouched candidates, the labels,
 * what each Factory epic already has, and — only when the plan will need
 * them — the default branch's head and rules.
 */
export async function readEpics(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "audit" | "epics" | "labels" | "commands">;
  identity: FactoryIdentity;
  now: Date;
}): Promise<EpicsObservation> {
  const { octokit, repo, config } = params;
  const open = await listIssues({ octokit, repo, state: "open" });
  const epicLabel = config.labels.epic.toLowerCase();
  const isEpic = (issue: IssueView) => isEpicIssue({ ...issue, epicLabel });
  const vouched = authorsWithPermission({ octokit, repo, required: config.commands.permission });
  const read = await readOpenEpics({ octokit, repo, identity: params.identity, labels: config.labels, open, isEpic, vouched });
  const candidates = await readVouchedCandidates({ octokit, repo, config, identity: params.identity, open, epics: read, isEpic, vouched });
  const epics: ExistingEpic[] = read.map((epic) => ({ number: epic.issue.number, title: epic.issue.title, document: epic.document, factory: epic.factory }));
  const ids = new Map(open.map((issue) => [issue.number, issue.id]));
  const labels = await listLabelNames({ octokit, repo });
  const facts = new Map<number, Omit<EpicFacts, "defaultHead">>();
  for (const epic of epics.filter((e) => e.factory)) {
    const branch = reconciledBranch({ number: epic.number, slug: epic.document.slug }, config.epics.branchPrefix);
    facts.set(epic.number, await readEpicFacts({ octokit, repo, epic: epic.number, branch, children: childrenOf(epic.document).map((c) => c.number), ids }));
  }
  // The plan is pure and cheap: planning once here says whether it will make epics, and so whether it needs the default branch.
  const plan = planEpics({ candidates, epics, config, now: params.now });
  const makesEpics = plan.epics.length > 0;
  const needsHead = makesEpics || [...facts.values()].some((f) => !f.branchExists);
  const defaultHead = needsHead ? await defaultBranchHead({ octokit, repo }) : undefined;
  const protect = config.epics.protect && (makesEpics || facts.size > 0) ? { rules: await readDefaultBranchRules({ octokit, repo }) } : undefined;
  const createdAt = new Map(read.map((epic) => [epic.issue.number, epic.issue.createdAt]));
  return { candidates, epics, plan, createdAt, facts, ids, labels, ...(defaultHead ? { defaultHead } : {}), ...(protect ? { protect } : {}) };
}
