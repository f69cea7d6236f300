import type { Config } from "../config/schema.js";
import { epicBranch } from "../model/epic/epic-branch.js";
import { childrenOf } from "../model/epic/epic-document.js";
import { parseEpicBody } from "../model/epic/parse-epic-body.js";
import { factoryMarkers, graphqlAuthor, isFactoryAuthor, type FactoryIdentity } from "../model/authorship.js";
import { isAgentPull } from "../model/monitor/is-agent-pull.js";
import { isRunByFactory } from "./epic-trust.js";
import { currentPull, linkPull } from "../model/monitor/link-pulls.js";
import type { EpicMonitorSnapshot, MonitorChild } from "../model/monitor/monitor-snapshot.js";
import { answeredReviews, checksPassed, NUDGE_KINDS, type CheckState, type Nudge, type NudgeKind, type PullSnapshot } from "../model/monitor/pull-snapshot.js";
import { FACTORY_CHECK } from "../model/monitor/render-check-run.js";
import { baseRulesOf, NO_BASE_RULES, type BaseRules, type RawRefRules } from "../model/monitor/base-rules.js";
import type { Octokit, RepoRef } from "./octokit.js";

/*
 * GraphQL points are spent per connection page (5,000 an hour per
 * installation: https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api):
 * a connection nested in `pullRequests(first: 100)` costs 100 requests, one
 * nested two deep in it 100 × its own page size. So the nested fields are
 * read only for open pull requests into the epic branch, one level deep;
 * finished ones, the epic's own and other open ones get a light view; and
 * when each review thread was opened (two deep) is read only for the pull
 * requests whose answer to a reviews request it decides.
 */
/** A check run or commit status on a head: what decides whether CI passed. */
const CONTEXT_FIELDS = /* GraphQL */ `
  fragment FactoryContext on StatusCheckRollupContext { __typename ... on CheckRun { databaseId name status conclusion summary } ... on StatusContext { context state } }
`;

const PULL_FIELDS = /* GraphQL */ `
  ${CONTEXT_FIELDS}
  fragment FactoryPull on PullRequest {
    id number state isDraft baseRefName headRefName headRefOid body createdAt mergedAt closedAt
    author { __typename login }
    mergeable mergeStateStatus reviewDecision isInMergeQueue
    autoMergeRequest { enabledAt }
    labels(first: 10) { nodes { name } }
    headRef { target { ... on Commit { committedDate } } }
    statusCheckRollup { contexts(first: 50) { nodes { ...FactoryContext } pageInfo { hasNextPage endCursor } } }
    reviewThreads(first: 30) { nodes { id isResolved } }
    comments(last: 15) { nodes { author { __typename login } body createdAt } }
  }
`;

/** What a branch demands: classic protection as non-admins see it, and the rules of the active rulesets on it. */
const RULE_FIELDS = /* GraphQL */ `
  fragment FactoryRules on Ref {
    refUpdateRule { requiredStatusCheckContexts }
    rules(first: 25) { nodes { type parameters { ... on RequiredStatusChecksParameters { requiredStatusChecks { context } } } } }
  }
`;

const FINISHED_PULL_FIELDS = /* GraphQL */ `
  fragment FactoryFinishedPull on PullRequest {
    id number state isDraft baseRefName headRefName headRefOid body createdAt mergedAt closedAt
    author { __typename login }
    autoMergeRequest { enabledAt }
    comments(last: 15) { nodes { author { __typename login } body createdAt } }
  }
`;

interface RawPull {
  id: string;
  number: number;
  state: "OPEN" | "CLOSED" | "MERGED";
  isDraft: boolean;
  baseRefName: string;
  headRefName: string;
  headRefOid: string;
  body: string | null;
  createdAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  author: { __typename?: string; login: string } | null;
  mergeable?: PullSnapshot["mergeable"];
  mergeStateStatus?: string;
  reviewDecision?: PullSnapshot["reviewDecision"];
  autoMergeRequest: { enabledAt: string | null } | null;
  isInMergeQueue?: boolean;
  labels?: { nodes: Array<{ name: string }> };
  headRef?: { target: { committedDate?: string } | null } | null;
  statusCheckRollup?: {
    contexts: { nodes: RawContext[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } };
  } | null;
  reviewThreads?: { nodes: Array<{ id: string; isResolved: boolean; comments?: { nodes: Array<{ createdAt: string }> } }> };
  comments: { nodes: Array<{ author: { __typename: string; login: string } | null; body: string; createdAt: string }> };
}

interface RawContext {
  __typename: string;
  databaseId?: number;
  name?: string;
  status?: string;
  conclusion?: string | null;
  summary?: string | null;
  context?: string;
  state?: string;
}

interface RawIssue {
  number: number;
  title: string;
  state: "OPEN" | "CLOSED";
  stateReason: string | null;
  body: string;
  labels: { nodes: Array<{ name: string }> };
  author?: { __typename?: string; login: string } | null;
}

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
  // The epic body says which children to read; a first small query gets it, then one query reads everything.
  const head = await octokit.graphql<{ repository: { issue: RawIssue | null; defaultBranchRef: { name: string } | null } | null }>(
    `query FactoryEpicBody($owner: String!, $name: String!, $epic: Int!) {
      repository(owner: $owner, name: $name) {
        defaultBranchRef { name }
        issue(number: $epic) { number title state stateReason body author { __typename login } labels(first: 50) { nodes { name } } }
      }
    }`,
    { owner: repo.owner, name: repo.repo, epic: params.epic },
  );
  const epicIssue = head.repository?.issue;
  if (!epicIssue) return undefined;
  // Only an epic Factory made or a permitted user adopted is run (SPEC §5); a look-alike is someone's issue.
  const trusted = await isRunByFactory({
    octokit,
    repo,
    identity: params.identity,
    adoptedLabel: params.config.labels.adopted,
    issue: { number: epicIssue.number, body: epicIssue.body, author: graphqlAuthor(epicIssue.author), labels: epicIssue.labels.nodes.map((label) => label.name) },
  });
  if (!trusted) return undefined;
  // Each pull request becomes a snapshot once per pass (its comments' markers are parsed then); reading thread times re-makes it.
  const snapshots = new Map<RawPull, PullSnapshot>();
  const rulesByBase = new Map<string, BaseRules>();
  // Filled in once the epic query has answered; pull requests are made into snapshots only after that.
  const repoFacts: { autoMergeAllowed?: boolean } = {};
  const toPull = (raw: RawPull): PullSnapshot => {
    const known = snapshots.get(raw);
    if (known) return known;
    const made = {
      ...toPullSnapshot(raw, params.identity),
      baseRules: rulesByBase.get(raw.baseRefName) ?? NO_BASE_RULES,
      ...(repoFacts.autoMergeAllowed === undefined ? {} : { repoAutoMergeAllowed: repoFacts.autoMergeAllowed }),
    };
    snapshots.set(raw, made);
    return made;
  };
  const agentPull = (raw: Pick<RawPull, "author">) => isAgentPull({ author: graphqlAuthor(raw.author), agents: params.config.agents, members: params.config.budget.members });
  const document = parseEpicBody(epicIssue.body);
  const branch = epicBranch({ prefix: params.config.epics.branchPrefix, number: epicIssue.number, slug: document.slug });
  const numbers = childrenOf(document).map((child) => child.number);
  const childFields = numbers
    .map((n) => `c${n}: issue(number: ${n}) { number title state stateReason body labels(first: 50) { nodes { name } } }`)
    .join("\n");
  const data = await octokit.graphql<{
    repository: {
      autoMergeAllowed?: boolean;
      ref: ({ name: string } & RawRefRules) | null;
      defaultRules: RawRefRules | null;
      into: { nodes: RawPull[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      done: { nodes: RawPull[] };
      open: { nodes: Array<Pick<RawPull, "number" | "baseRefName" | "headRefName" | "body" | "author">> };
      epicPulls: { nodes: RawPull[] };
      [alias: string]: unknown;
    };
  }>(
    `${PULL_FIELDS}
    ${FINISHED_PULL_FIELDS}
    ${RULE_FIELDS}
    query FactoryEpic($owner: String!, $name: String!, $branch: String!, $qualified: String!, $openPage: Int!, $donePage: Int!) {
      repository(owner: $owner, name: $name) {
        autoMergeAllowed
        ref(qualifiedName: $qualified) { name ...FactoryRules }
        defaultRules: defaultBranchRef { ...FactoryRules }
        into: pullRequests(baseRefName: $branch, states: [OPEN], first: $openPage, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { ...FactoryPull } pageInfo { hasNextPage endCursor } }
        done: pullRequests(baseRefName: $branch, states: [MERGED, CLOSED], first: $donePage, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { ...FactoryFinishedPull } }
        open: pullRequests(states: [OPEN], first: 100, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { number baseRefName headRefName body author { __typename login } } }
        epicPulls: pullRequests(headRefName: $branch, first: 3, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { ...FactoryPull } }
        ${childFields}
      }
    }`,
    { owner: repo.owner, name: repo.repo, branch, qualified: `refs/heads/${branch}`, ...pageSizes(numbers.length) },
  );
  const repository = data.repository;
  if (repository.autoMergeAllowed !== undefined) repoFacts.autoMergeAllowed = repository.autoMergeAllowed;
  // Required checks and merge queues of the two bases Factory merges into: one ref each, in the same query.
  rulesByBase.set(branch, baseRulesOf(repository.ref));
  const defaultBranchName = head.repository?.defaultBranchRef?.name ?? "main";
  if (defaultBranchName !== branch) rulesByBase.set(defaultBranchName, baseRulesOf(repository.defaultRules));
  const childNumbers = new Set(numbers);
  const children = new Map<number, MonitorChild>();
  for (const n of numbers) {
    const raw = repository[`c${n}`] as RawIssue | null | undefined;
    if (!raw) continue;
    children.set(n, {
      number: raw.number,
      title: raw.title,
      state: raw.state === "OPEN" ? "open" : "closed",
      stateReason: raw.stateReason ? raw.stateReason.toLowerCase() : null,
      labels: raw.labels.nodes.map((label) => label.name),
      pulls: [],
    });
  }
  const openInto = [...repository.into.nodes];
  // More than a page of open pull requests into the epic branch: read the rest, a page at a time.
  let page = repository.into.pageInfo;
  while (page.hasNextPage && page.endCursor) {
    const more = await octokit.graphql<{ repository: { into: { nodes: RawPull[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } }>(
      `${PULL_FIELDS}
      query FactoryEpicMore($owner: String!, $name: String!, $branch: String!, $after: String!, $openPage: Int!) {
        repository(owner: $owner, name: $name) {
          into: pullRequests(baseRefName: $branch, states: [OPEN], first: $openPage, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { ...FactoryPull } pageInfo { hasNextPage endCursor } }
        }
      }`,
      { owner: repo.owner, name: repo.repo, branch, after: page.endCursor, openPage: pageSizes(numbers.length).openPage },
    );
    openInto.push(...more.repository.into.nodes);
    page = more.repository.into.pageInfo;
  }
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

/**
 * Page sizes for an epic of `children`: points are charged by the page size
 * asked for, not the items returned, so a small epic asks for small pages.
 * Open pull requests: about one per child, plus strays (more pages are read
 * when there are more). Finished ones: the newest first, room for a retry
 * per child; older attempts never decide a child's state.
 */
export function pageSizes(children: number): { openPage: number; donePage: number } {
  return { openPage: Math.min(100, children + 5), donePage: Math.min(100, children * 2 + 5) };
}

/**
 * Reads when each review thread was opened, for the open pull requests whose
 * agent answered a reviews request with a newer commit (threads older than
 * that commit are then resolved): one small query for all of them. Returns
 * the pull requests whose threads it filled in (their snapshots are stale).
 */
async function readThreadTimes(params: { octokit: Octokit; repo: RepoRef; pulls: RawPull[]; toPull: (raw: RawPull) => PullSnapshot }): Promise<RawPull[]> {
  const wanted = params.pulls.filter((raw) => {
    const pull = params.toPull(raw);
    return answeredReviews(pull) && pull.unresolvedThreads.length > 0;
  });
  if (wanted.length === 0) return [];
  const fields = wanted
    .map((raw) => `p${raw.number}: pullRequest(number: ${raw.number}) { reviewThreads(first: 30) { nodes { id isResolved comments(first: 1) { nodes { createdAt } } } } }`)
    .join("\n");
  const data = await params.octokit.graphql<{ repository: Record<string, { reviewThreads: NonNullable<RawPull["reviewThreads"]> } | null> }>(
    `query FactoryThreadTimes($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`,
    { owner: params.repo.owner, name: params.repo.repo },
  );
  for (const raw of wanted) {
    const threads = data.repository[`p${raw.number}`]?.reviewThreads;
    if (threads) raw.reviewThreads = threads;
  }
  return wanted;
}

/** What the reviews of a pull request without a review decision say. */
interface ReviewCount {
  approvals: number;
  changesRequested: boolean;
}

/**
 * Where GitHub gives no review decision (no review rule on the base branch,
 * as on most epic branches), counts the reviews itself: approvals on the
 * current head by people who can push, and whether such a person's latest
 * review asks for changes. One small query for the open pull requests whose
 * CI passed (or that have none, where `merge.withoutCI` says so) and whose
 * threads are resolved — the reviews decide their next step — none when
 * GitHub decides or none is waiting for reviews.
 * https://docs.github.com/en/graphql/reference/objects#pullrequest (reviewDecision, latestOpinionatedReviews)
 */
async function readApprovals(params: { octokit: Octokit; repo: RepoRef; pulls: RawPull[]; toPull: (raw: RawPull) => PullSnapshot; withoutCI: boolean }): Promise<Map<number, ReviewCount>> {
  const counted = new Map<number, ReviewCount>();
  // Only where the reviews decide the next step: CI has reported and passed, and no thread is open.
  const wanted = params.pulls.filter((raw) => {
    if (raw.state !== "OPEN" || (raw.reviewDecision ?? null) !== null) return false;
    const pull = params.toPull(raw);
    return pull.unresolvedThreads.length === 0 && (pull.checks.length > 0 || params.withoutCI) && checksPassed(pull.checks);
  });
  if (wanted.length === 0) return counted;
  const fields = wanted
    .map((raw) => `p${raw.number}: pullRequest(number: ${raw.number}) { latestOpinionatedReviews(first: 30) { nodes { state authorCanPushToRepository commit { oid } } } }`)
    .join("\n");
  const data = await params.octokit.graphql<{
    repository: Record<string, { latestOpinionatedReviews: { nodes: Array<{ state: string; authorCanPushToRepository: boolean; commit: { oid: string } | null }> } } | null>;
  }>(`query FactoryApprovals($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`, { owner: params.repo.owner, name: params.repo.repo });
  for (const raw of wanted) {
    const reviews = (data.repository[`p${raw.number}`]?.latestOpinionatedReviews.nodes ?? []).filter((review) => review.authorCanPushToRepository);
    counted.set(raw.number, {
      approvals: reviews.filter((review) => review.state === "APPROVED" && review.commit?.oid === raw.headRefOid).length,
      changesRequested: reviews.some((review) => review.state === "CHANGES_REQUESTED"),
    });
  }
  return counted;
}

/** A pull request with Factory's own count of its reviews, where GitHub gave no decision. */
/**
 * Reads the rest of each head's checks and statuses beyond the first page of
 * `statusCheckRollup.contexts`, a page of 100 at a time, into the raw pull
 * request (GitHub pages rollups like any connection:
 * https://docs.github.com/en/graphql/reference/objects#statuscheckrollup).
 */
async function readMoreContexts(params: { octokit: Octokit; repo: RepoRef; pulls: RawPull[] }): Promise<void> {
  for (const raw of params.pulls) {
    const contexts = raw.statusCheckRollup?.contexts;
    let page = contexts?.pageInfo;
    while (contexts && page?.hasNextPage && page.endCursor) {
      const more = await params.octokit.graphql<{
        repository: { pullRequest: { statusCheckRollup: { contexts: { nodes: RawContext[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null } | null };
      }>(
        `${CONTEXT_FIELDS}
        query FactoryMoreChecks($owner: String!, $name: String!, $number: Int!, $after: String!) {
          repository(owner: $owner, name: $name) { pullRequest(number: $number) { statusCheckRollup { contexts(first: 100, after: $after) { nodes { ...FactoryContext } pageInfo { hasNextPage endCursor } } } } }
        }`,
        { owner: params.repo.owner, name: params.repo.repo, number: raw.number, after: page.endCursor },
      );
      const next = more.repository.pullRequest?.statusCheckRollup?.contexts;
      if (!next) break;
      contexts.nodes.push(...next.nodes);
      page = next.pageInfo;
    }
  }
}

/**
 * For open pull requests into a branch with a merge queue that are not in
 * it: when the queue last took each out without merging, and on which head
 * (one small query for all of them; none where no branch has a queue).
 */
async function readQueueRemovals(params: {
  octokit: Octokit;
  repo: RepoRef;
  pulls: RawPull[];
  toPull: (raw: RawPull) => PullSnapshot;
  snapshots: Map<RawPull, PullSnapshot>;
}): Promise<void> {
  const outside = params.pulls.filter((raw) => raw.state === "OPEN" && !raw.isInMergeQueue && params.toPull(raw).baseRules?.mergeQueue);
  if (outside.length === 0) return;
  const fields = outside
    .map((raw) => `p${raw.number}: pullRequest(number: ${raw.number}) { timelineItems(itemTypes: [REMOVED_FROM_MERGE_QUEUE_EVENT], last: 1) { nodes { ... on RemovedFromMergeQueueEvent { reason beforeCommit { oid } } } } }`)
    .join("\n");
  const data = await params.octokit.graphql<{ repository: Record<string, { timelineItems: { nodes: Array<{ reason?: string | null; beforeCommit?: { oid: string } | null }> } } | null> }>(
    `query FactoryQueueRemovals($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`,
    { owner: params.repo.owner, name: params.repo.repo },
  );
  for (const raw of outside) {
    const last = data.repository[`p${raw.number}`]?.timelineItems.nodes[0];
    if (!last?.beforeCommit) continue;
    const pull = params.toPull(raw);
    params.snapshots.set(raw, { ...pull, queueRemoval: { sha: last.beforeCommit.oid, reason: last.reason ?? "UNKNOWN_REMOVAL_REASON" } });
  }
}

function withReviews(pull: PullSnapshot, count: ReviewCount | undefined): PullSnapshot {
  if (!count) return pull;
  return { ...pull, approvals: count.changesRequested ? 0 : count.approvals, ...(count.changesRequested ? { reviewDecision: "CHANGES_REQUESTED" as const } : {}) };
}

/**
 * Reads when each open, reopened child whose latest pull request is merged
 * was last reopened (a merge after that finishes it again): one small query
 * for all of them, none in the usual pass.
 */
async function readReopenTimes(params: { octokit: Octokit; repo: RepoRef; children: MonitorChild[] }): Promise<void> {
  const wanted = params.children.filter((child) => child.state === "open" && child.stateReason === "reopened" && currentPull(child.pulls)?.state === "MERGED");
  if (wanted.length === 0) return;
  const fields = wanted
    .map((child) => `c${child.number}: issue(number: ${child.number}) { timelineItems(itemTypes: [REOPENED_EVENT], last: 1) { nodes { ... on ReopenedEvent { createdAt } } } }`)
    .join("\n");
  const data = await params.octokit.graphql<{ repository: Record<string, { timelineItems: { nodes: Array<{ createdAt?: string }> } } | null> }>(
    `query FactoryReopenTimes($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`,
    { owner: params.repo.owner, name: params.repo.repo },
  );
  for (const child of wanted) {
    const at = data.repository[`c${child.number}`]?.timelineItems.nodes[0]?.createdAt;
    if (at !== undefined) child.reopenedAt = at;
  }
}

function factoryCheckOf(nodes: ReadonlyArray<{ __typename: string; databaseId?: number; name?: string; summary?: string | null }>): Pick<PullSnapshot, "factoryCheck"> {
  const own = nodes.find((node) => node.__typename === "CheckRun" && node.name === FACTORY_CHECK && node.databaseId !== undefined);
  return own ? { factoryCheck: { id: own.databaseId as number, summary: own.summary ?? "" } } : {};
}

function toPullSnapshot(raw: RawPull, identity: FactoryIdentity): PullSnapshot {
  const contexts = raw.statusCheckRollup?.contexts.nodes ?? [];
  const nudges: Nudge[] = [];
  for (const comment of raw.comments.nodes) {
    // Only Factory's own comments count: nobody else can forge (or silence) a request's history.
    for (const marker of factoryMarkers({ body: comment.body, author: graphqlAuthor(comment.author) }, identity)) {
      const kind = marker.fields.kind as NudgeKind;
      if (marker.kind === "nudge" && NUDGE_KINDS.includes(kind) && marker.fields.sha) nudges.push({ kind, sha: marker.fields.sha, at: comment.createdAt });
    }
  }
  return {
    number: raw.number,
    nodeId: raw.id,
    state: raw.state,
    isDraft: raw.isDraft,
    base: raw.baseRefName,
    head: raw.headRefName,
    headSha: raw.headRefOid,
    headCommittedAt: raw.headRef?.target?.committedDate ?? raw.createdAt,
    author: raw.author?.login ?? "ghost",
    mergeable: raw.mergeable ?? "UNKNOWN",
    mergeStateStatus: raw.mergeStateStatus ?? "UNKNOWN",
    reviewDecision: raw.reviewDecision ?? null,
    unresolvedThreads: (raw.reviewThreads?.nodes ?? [])
      .filter((thread) => !thread.isResolved)
      .map((thread) => {
        const opened = thread.comments?.nodes[0]?.createdAt;
        return opened === undefined ? { id: thread.id } : { id: thread.id, createdAt: opened };
      }),
    // Factory's own check run reports on the pull request; it is not one of the checks the agent must pass.
    // Commit statuses are CI as much as check runs are (Jenkins, Buildkite …): each context counts as a check.
    checks: contexts.flatMap((node) => {
      if (node.__typename === "CheckRun" && node.name !== FACTORY_CHECK) return [{ name: node.name ?? "check", status: node.status ?? "COMPLETED", conclusion: node.conclusion ?? null }];
      if (node.__typename === "StatusContext") return [statusAsCheck(node)];
      return [];
    }),
    ...factoryCheckOf(contexts),
    autoMerge: raw.autoMergeRequest !== null,
    ...(raw.isInMergeQueue ? { inMergeQueue: true } : {}),
    labels: (raw.labels?.nodes ?? []).map((label) => label.name),
    nudges,
    mergedAt: raw.mergedAt,
    closedAt: raw.closedAt,
    createdAt: raw.createdAt,
  };
}

/**
 * A commit status as a check: pending (or expected) is still running; error
 * and failure failed; success passed.
 * https://docs.github.com/en/graphql/reference/enums#statusstate
 */
function statusAsCheck(node: { context?: string; state?: string }): CheckState {
  const state = (node.state ?? "PENDING").toUpperCase();
  const running = state === "PENDING" || state === "EXPECTED";
  return { name: node.context ?? "status", status: running ? "IN_PROGRESS" : "COMPLETED", conclusion: running ? null : state === "SUCCESS" ? "SUCCESS" : "FAILURE" };
}
