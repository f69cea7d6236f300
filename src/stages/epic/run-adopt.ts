import type { Logger } from "probot";
import type { Config } from "../../config/schema.js";
import { applyActions } from "../../github/executor/apply-actions.js";
import { factoryEpicsAmong, hasAdoptionRecord } from "../../github/epic-trust.js";
import { getRole } from "../../github/get-role.js";
import { listIssues, listLabelNames } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { Action } from "../../model/action.js";
import { restAuthor, type FactoryIdentity } from "../../model/authorship.js";
import { childrenOf } from "./epic-document.js";
import { isFactoryEpic } from "./is-epic-issue.js";
import { parseEpicBody } from "./parse-epic-body.js";
import { adoptRefusal, MAX_ADOPTED_CHILDREN, planAdopt, type AdoptGate, type AdoptTarget, type ChildLookup } from "./plan-adopt.js";
import { readHandMadeEpic } from "./read-hand-made-epic.js";
import { renderAdoptAnswer } from "./render-adopt-answer.js";
import { hasRole } from "../../model/permission.js";
import type { Answer } from "../commands/plan-command-reply.js";
import { protectEpicBranches } from "./protect-epic-branches.js";
import { defaultHeadOnce, reconcileEpic } from "./reconcile-epic.js";

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
  const issue: AdoptTarget = {
    number: data.number,
    title: data.title,
    body: data.body ?? "",
    state: data.state === "closed" ? "closed" : "open",
    pullRequest: data.pull_request !== undefined && data.pull_request !== null,
    author: author?.login ?? null,
    labels: data.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))).filter(Boolean),
  };
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

  const listed = [...new Set(childrenOf(readHandMadeEpic(issue.body)).map((child) => child.number))];
  // A body listing more children than an epic may have is refused by the plan; no need to look them up.
  const children = listed.length > MAX_ADOPTED_CHILDREN ? new Map<number, ChildLookup>() : await lookUpChildren({ octokit, repo, numbers: listed });
  const open = await listIssues({ octokit, repo, state: "open" });
  const others = await factoryEpicsAmong({ octokit, repo, identity, labels: config.labels, issues: open.filter((other) => other.number !== issue.number) });
  const inOtherEpics = new Map<number, number>();
  for (const other of others) for (const child of childrenOf(parseEpicBody(other.body))) if (!inOtherEpics.has(child.number)) inOtherEpics.set(child.number, other.number);
  const prefix = `heads/${config.epics.branchPrefix}${issue.number}-`;
  const refs = await octokit.paginate(octokit.rest.git.listMatchingRefs, { ...repo, ref: prefix, per_page: 100 });
  const plan = planAdopt({
    snapshot: {
      ...gate,
      children,
      inOtherEpics,
      epicBranches: refs.map((ref) => ref.ref.replace(/^refs\/heads\//, "")),
      repoLabels: await listLabelNames({ octokit, repo }),
    },
    config,
    by: params.by,
    now: params.now,
  });
  if (plan.refused !== undefined || params.dryRun) return renderAdoptAnswer({ plan, dryRun: params.dryRun });

  const apply = (actions: Action[]) => applyActions({ octokit, repo, identity, actions });
  // The body first, alone: if someone edited it since it was read, nothing else is written.
  const [bodyAction, ...rest] = plan.actions;
  const [body] = await apply(bodyAction ? [bodyAction] : []);
  if (body?.outcome === "refused") return renderAdoptAnswer({ plan, dryRun: false, outcome: { bodyRefused: body.reason ?? "the body changed", problems: [] } });
  await apply(rest);
  const ids = new Map<number, number>();
  for (const found of children.values()) if (found.kind === "issue") ids.set(found.number, found.id);
  const reconciled = await reconcileEpic({
    octokit,
    repo,
    branchPrefix: config.epics.branchPrefix,
    epic: {
      number: issue.number,
      slug: plan.slug,
      children: plan.phases.flatMap((phase) => phase.children.map((child) => child.number)),
      createdAt: data.created_at,
      isNew: true,
      origin: "adopted",
    },
    ids,
    defaultHead: defaultHeadOnce({ octokit, repo }),
    apply,
  });
  params.log.info({ epic: issue.number, by: params.by, children: ids.size, branch: reconciled.branch }, "Epic adopted");
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

/**
 * Each listed number as GitHub has it — an issue (open or closed), a pull
 * request, or nothing — in one GraphQL query of aliases. GitHub answers a
 * number with no issue by a null and a NOT_FOUND error beside the data;
 * any other error is a real failure.
 * https://docs.github.com/en/graphql/reference/objects#repository (issueOrPullRequest)
 */
async function lookUpChildren(params: { octokit: Octokit; repo: RepoRef; numbers: readonly number[] }): Promise<Map<number, ChildLookup>> {
  const found = new Map<number, ChildLookup>();
  if (params.numbers.length === 0) return found;
  const fields = params.numbers
    .map((n) => `c${n}: issueOrPullRequest(number: ${n}) { __typename ... on Issue { number databaseId title state labels(first: 50) { nodes { name } } } ... on PullRequest { number } }`)
    .join("\n");
  type Raw = { __typename: "Issue"; number: number; databaseId: number; title: string; state: "OPEN" | "CLOSED"; labels: { nodes: Array<{ name: string }> } } | { __typename: "PullRequest"; number: number };
  let repository: Record<string, Raw | null>;
  try {
    const data = await params.octokit.graphql<{ repository: Record<string, Raw | null> }>(
      `query FactoryAdoptChildren($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`,
      { owner: params.repo.owner, name: params.repo.repo },
    );
    repository = data.repository;
  } catch (error) {
    const partial = error as { data?: { repository?: Record<string, Raw | null> | null }; errors?: Array<{ type?: string }> };
    if (!partial.data?.repository || !(partial.errors ?? []).every((e) => e.type === "NOT_FOUND")) throw error;
    repository = partial.data.repository;
  }
  for (const n of params.numbers) {
    const raw = repository[`c${n}`];
    if (!raw) found.set(n, { kind: "missing", number: n });
    else if (raw.__typename === "PullRequest") found.set(n, { kind: "pull", number: n });
    else found.set(n, { kind: "issue", number: n, id: raw.databaseId, title: raw.title, state: raw.state === "OPEN" ? "open" : "closed", labels: raw.labels.nodes.map((label) => label.name) });
  }
  return found;
}
