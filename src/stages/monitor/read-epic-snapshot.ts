import { requesters } from "../../agents/member-writers.js";
import type { Config } from "../../config/schema.js";
import { epicBranch } from "../epic/epic-branch.js";
import { childrenOf } from "../../model/epic-document.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";
import { graphqlAuthor, isFactoryAuthor, type FactoryIdentity } from "../../model/authorship.js";
import { isAgentPull } from "./is-agent-pull.js";
import { linkPull } from "./link-pulls.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import { baseRulesOf } from "./base-rules.js";
import { createPullSnapshots } from "./create-pull-snapshots.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { pageSizes } from "./page-sizes.js";
import type { RawPull } from "./raw-pull.js";
import { readApprovals } from "./read-approvals.js";
import { readEpicData } from "./read-epic-data.js";
import { readMoreContexts } from "./read-more-contexts.js";
import { readMoreOpenPulls } from "./read-more-open-pulls.js";
import { readQueueRemovals } from "./read-queue-removals.js";
import { readReopenTimes } from "./read-reopen-times.js";
import { readThreadTimes } from "./read-thread-times.js";
import { readTrustedEpic } from "./read-trusted-epic.js";
import { toMonitorChildren } from "./to-monitor-children.js";
import { withReviews } from "./with-reviews.js";

export { pageSizes } from "./page-sizes.js";

/**
 * Reads one epic for the monitor (SPEC §1.4): its body first, then in one
 * GraphQL query each child listed in it, the pull requests into its branch, the
 * repository's open pull requests (for ones on the wrong base) and the epic's
 * own pull request, with check conclusions, review decision, unresolved
 * threads, mergeability, auto-merge and Factory's own request markers; a
 * third, small query only when a thread's or a reopening's time decides a step.
 * Agents' and reviewers' text is never kept: a pull request's body is only
 * scanned for closing references to the epic's children.
 */
export async function readEpicSnapshot(params: {
  octokit: Octokit;
  repo: RepoRef;
  epic: number;
  config: Pick<Config, "epics" | "labels" | "agents" | "budget" | "merge">;
  /** Factory's own account: an epic, a request or a pull request counts by who wrote it. */
  identity: FactoryIdentity;
}): Promise<EpicMonitorSnapshot | undefined> {
  const { octokit, repo } = params;
  const head = await readTrustedEpic(params);
  if (!head) return undefined;
  const { epicIssue } = head;
  const { snapshots, rulesByBase, repoFacts, toPull } = createPullSnapshots(params.identity, requesters(params.config));
  const agentPull = (raw: Pick<RawPull, "author">) => isAgentPull({ author: graphqlAuthor(raw.author), agents: params.config.agents, members: params.config.budget.members });
  const document = parseEpicBody(epicIssue.body);
  const branch = epicBranch({ prefix: params.config.epics.branchPrefix, number: epicIssue.number, slug: document.slug });
  const numbers = childrenOf(document).map((child) => child.number);
  const repository = await readEpicData({ octokit, repo, branch, numbers });
  if (repository.autoMergeAllowed !== undefined) repoFacts.autoMergeAllowed = repository.autoMergeAllowed;
  // Required checks and merge queues of the two bases Factory merges into: one ref each, in the same query.
  rulesByBase.set(branch, baseRulesOf(repository.ref));
  const defaultBranchName = head.defaultBranchName;
  if (defaultBranchName !== branch) rulesByBase.set(defaultBranchName, baseRulesOf(repository.defaultRules));
  const childNumbers = new Set(numbers);
  const children = toMonitorChildren(repository, numbers);
  const openInto = [...repository.into.nodes];
  openInto.push(...(await readMoreOpenPulls({ octokit, repo, branch, first: repository.into.pageInfo, openPage: pageSizes(numbers.length).openPage })));
  // A head with more checks than one page holds: the rest are read before anything is decided (an unread check could be red).
  await readMoreContexts({ octokit, repo, pulls: [...openInto, ...repository.epicPulls.nodes] });
  const agentsOpen = openInto.filter(agentPull);
  for (const raw of await readThreadTimes({ octokit, repo, pulls: agentsOpen, toPull })) snapshots.delete(raw);
  const ownPulls = repository.epicPulls.nodes.filter((raw) => isFactoryAuthor(graphqlAuthor(raw.author), params.identity));
  await readQueueRemovals({ octokit, repo, pulls: [...agentsOpen, ...ownPulls], toPull, snapshots });
  const approvals = await readApprovals({ octokit, repo, pulls: [...agentsOpen, ...ownPulls], toPull, withoutCI: params.config.merge.withoutCI });
  const strangers: EpicMonitorSnapshot["strangers"] = [];
  for (const raw of [...openInto, ...repository.done.nodes]) {
    const child = linkPull({ body: raw.body ?? "", head: raw.headRefName, children: childNumbers });
    if (child === undefined) continue;
    // A pull request counts as the child's attempt only when an agent (or a member) opened it.
    if (agentPull(raw)) children.get(child)?.pulls.push(withReviews(toPull(raw), approvals.get(raw.number)));
    else if (raw.state === "OPEN") strangers.push({ pull: raw.number, child, author: raw.author?.login ?? "ghost" });
  }
  await readReopenTimes({ octokit, repo, children: [...children.values()] });
  const wrongBase: EpicMonitorSnapshot["wrongBase"] = [];
  for (const raw of repository.open.nodes) {
    if (raw.baseRefName === branch || raw.headRefName === branch) continue;
    const child = linkPull({ body: raw.body ?? "", head: raw.headRefName, children: childNumbers });
    if (child === undefined) continue;
    if (agentPull(raw)) wrongBase.push({ pull: raw.number, child, base: raw.baseRefName });
    else strangers.push({ pull: raw.number, child, author: raw.author?.login ?? "ghost" });
  }
  const defaultBranch = defaultBranchName;
  return {
    repo: `${repo.owner}/${repo.repo}`,
    epic: { number: epicIssue.number, title: epicIssue.title, state: epicIssue.state === "OPEN" ? "open" : "closed", document, branch },
    defaultBranch,
    branchExists: repository.ref !== null,
    children,
    // The epic's own pull request is one Factory opened; a fork's branch of the same name is not it.
    epicPulls: ownPulls.filter((raw) => raw.baseRefName === defaultBranch).map((raw) => withReviews(toPull(raw), approvals.get(raw.number))),
    wrongBase,
    strangers,
  };
}
