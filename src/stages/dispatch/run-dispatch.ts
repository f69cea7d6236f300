import type { Logger } from "probot";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { Agent } from "../../config/agent-schema.js";
import type { Config } from "../../config/schema.js";
import { applyActions } from "../../github/executor/apply-actions.js";
import { readLedger } from "./ledger.js";
import type { Action } from "../../model/action.js";
import { describeError } from "../../model/describe-error.js";
import { ledgerFileAt } from "./ledger-location.js";
import { listIssues, toIssueView, type IssueView } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { readBlockedBy } from "./read-blocked-by.js";
import { readRepoPause } from "./repo-pause.js";
import type { DispatchTarget } from "../commands/command.js";
import { dispatchComment, mentionComment } from "./dispatch-comment.js";
import { planDispatch, type DispatchChild, type DispatchPlan, type DispatchSnapshot, type PlannedDispatch } from "./plan-dispatch.js";
import { epicBranch } from "../epic/epic-branch.js";
import { childrenOf } from "../../model/epic-document.js";
import { parseEpicBody } from "../epic/parse-epic-body.js";
import { readCandidate } from "../epic/read-candidate.js";
import { isRunByFactory } from "../epic/epic-trust.js";
import type { FlowObserver } from "../flow-observer.js";

/** Makes an Octokit that acts as the owner of `token` (a member), against the same GitHub as `like`. */
export type UserOctokitFactory = (token: string, like: Octokit) => Octokit;

/** What a dispatch run did. */
export interface DispatchOutcome {
  plan: DispatchPlan;
  /** Dispatches whose trigger or comment failed; their ledger line stays, so the next run finishes them. */
  failed: Array<{ child: number; reason: string }>;
  /** Agents triggered with the installation token although they may ignore bots. */
  warnings: string[];
  /** Ledger writes lost to a concurrent writer before this run's went through. */
  conflicts: number;
  dryRun: boolean;
}

/** Inputs of {@link runDispatch}. */
export interface RunDispatchParams {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "agents" | "budget" | "dispatch" | "epics" | "labels" | "ledger">;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: FactoryIdentity;
  /** The issue the command was given on (an epic, or any issue for `dispatch #A #B`). */
  issue: number;
  target: DispatchTarget;
  dryRun: boolean;
  now: Date;
  delivery: string;
  defaultBranch: string;
  env: NodeJS.ProcessEnv;
  userOctokit: UserOctokitFactory;
  log: Logger;
  /** Told the outcome of a run that was not a dry run (metrics). */
  observer?: FlowObserver;
}

/** Compare-and-swap attempts on the ledger before giving up. */
const LEDGER_ATTEMPTS = 5;

/**
 * The dispatch flow (SPEC §1.3). Observe the epic, its children, their
 * dependencies, the pause state and this month's ledger; plan; then pay
 * first — append the ledger lines with compare-and-swap, and on a conflict
 * re-read and re-plan, so two writers can never both spend the last unit —
 * and only then trigger each agent, post the target-branch comment and add
 * the dispatched label. A crash after paying is finished by the next run
 * from the ledger line, never paid twice.
 */
export async function runDispatch(params: RunDispatchParams): Promise<DispatchOutcome> {
  const { octokit, repo, config } = params;
  const fullName = `${repo.owner}/${repo.repo}`;
  const { data: commandIssue } = await octokit.rest.issues.get({ ...repo, issue_number: params.issue });
  const view = toIssueView(commandIssue);
  // Only an epic Factory made or a permitted user adopted is dispatched from; a look-alike spends nothing (SPEC §5).
  const isEpic = await isRunByFactory({ octokit, repo, identity: params.identity, adoptedLabel: config.labels.adopted, issue: view });
  const document = isEpic ? parseEpicBody(view.body) : undefined;
  const open = await listIssues({ octokit, repo, state: "open" });
  const openByNumber = new Map(open.map((issue) => [issue.number, issue]));
  const wanted = document ? childrenOf(document).map((child) => child.number) : params.target.kind === "issues" ? params.target.issues : [];
  const children = new Map<number, DispatchChild>();
  for (const number of wanted) {
    const issue = openByNumber.get(number);
    if (issue) children.set(number, await toChild({ octokit, repo, issue }));
  }
  const repoPaused = (await readRepoPause({ octokit, config, repo })).paused;
  let ledger = await readLedger({ octokit, config, owner: repo.owner, now: params.now });
  const snapshot = (): DispatchSnapshot => ({
    repo: fullName,
    ...(document
      ? {
          epic: {
            number: view.number,
            branch: epicBranch({ prefix: config.epics.branchPrefix, number: view.number, slug: document.slug }),
            document,
            paused: view.labels.some((l) => l.toLowerCase() === config.labels.paused.toLowerCase()),
          },
        }
      : {}),
    defaultBranch: params.defaultBranch,
    repoPaused,
    children,
    openIssues: new Set(open.map((issue) => issue.number)),
    ledger: ledger.entries,
    released: new Set(ledger.releases.map((release) => release.key)),
  });
  let plan = planDispatch({ snapshot: snapshot(), target: params.target, config, now: params.now, delivery: params.delivery });
  const outcome: DispatchOutcome = { plan, failed: [], warnings: [], conflicts: 0, dryRun: params.dryRun };
  if (params.dryRun) return outcome;
  for (let attempt = 0; ; attempt++) {
    const fresh = plan.dispatches.filter((dispatch) => !dispatch.repair).map((dispatch) => dispatch.entry);
    if (fresh.length === 0) break;
    const file = ledgerFileAt(ledger.location, ledger.path);
    const pay: Action = { kind: "appendLedger", key: `pay:${fresh.map((entry) => entry.key).join(",")}`, file, read: { text: ledger.text, sha: ledger.sha }, records: fresh, message: `factory: ${fresh.map((entry) => `${entry.kind} ${entry.key}`).join(", ")}` };
    const [paid] = await applyActions({ octokit, repo, identity: params.identity, actions: [pay] });
    if (paid?.outcome === "done") break;
    outcome.conflicts += 1;
    if (attempt + 1 >= LEDGER_ATTEMPTS) throw new Error(`The ledger kept changing under ${LEDGER_ATTEMPTS} attempts to pay for this dispatch; nothing was dispatched, try again`);
    params.log.info({ conflicts: outcome.conflicts }, "Ledger changed under us: re-reading and re-planning");
    ledger = await readLedger({ octokit, config, owner: repo.owner, now: params.now });
    plan = planDispatch({ snapshot: snapshot(), target: params.target, config, now: params.now, delivery: params.delivery });
  }
  outcome.plan = plan;
  for (const dispatch of plan.dispatches) {
    try {
      await handOver({ params, dispatch, epic: document ? view.number : undefined, outcome });
    } catch (error) {
      params.log.error({ err: error, child: dispatch.child }, "Dispatch trigger failed");
      outcome.failed.push({ child: dispatch.child, reason: describeError(error) });
    }
  }
  params.observer?.dispatchDone?.(outcome);
  return outcome;
}

/** An open issue as dispatch sees it, with GitHub's issue dependencies read in. */
export async function toChild(params: { octokit: Octokit; repo: RepoRef; issue: IssueView }): Promise<DispatchChild> {
  const blockedBy = await readBlockedBy({ octokit: params.octokit, repo: params.repo, issue: params.issue.number });
  const candidate = readCandidate({ ...params.issue, blockedBy });
  return {
    number: params.issue.number,
    title: params.issue.title,
    body: params.issue.body,
    state: params.issue.state,
    labels: params.issue.labels,
    type: candidate?.type ?? "quality",
    severity: candidate?.severity ?? "medium",
    dependsOn: candidate?.dependsOn ?? blockedBy,
  };
}

/** Trigger, then the target-branch comment, then the dispatched label: each ensure-style. */
async function handOver(args: { params: RunDispatchParams; dispatch: PlannedDispatch; epic: number | undefined; outcome: DispatchOutcome }): Promise<void> {
  const { params, dispatch, epic } = args;
  const { repo, config } = params;
  const found = tokenFor({ agent: dispatch.agent, member: dispatch.member, config, env: params.env });
  const token = found?.token;
  const as = token ? params.userOctokit(token, params.octokit) : params.octokit;
  // With a person's token the trigger is written as them: their earlier trigger is what counts as already there.
  const asMember = found ? { asMember: found.owner ?? (await as.rest.users.getAuthenticated()).data.login } : {};
  const trigger = dispatch.agent.trigger;
  if (!token && trigger.type !== "assignee") {
    args.outcome.warnings.push(
      `${dispatch.agent.name} was triggered by Factory's app, and some agents ignore what a bot does: set \`tokenEnv\` on the agent or on ${dispatch.member} in \`budget.members\`, in the organisation's \`.github\` repository, so Factory acts as the member.`,
    );
  }
  if (trigger.type === "label") {
    await applyActions({ octokit: as, repo, identity: params.identity, ...asMember, actions: [{ kind: "addLabels", key: `trigger:${dispatch.entry.key}`, issue: dispatch.child, labels: [trigger.label] }] });
  } else if (trigger.type === "assignee") {
    await applyActions({ octokit: as, repo, identity: params.identity, ...asMember, actions: [{ kind: "assignAgent", key: `trigger:${dispatch.entry.key}`, issue: dispatch.child, login: trigger.login }] });
  } else {
    await applyActions({
      octokit: as,
      repo,
      identity: params.identity,
      ...asMember,
      actions: [
        {
          kind: "comment",
          key: `mention:${dispatch.entry.key}`,
          issue: dispatch.child,
          body: mentionComment({ trigger, branch: dispatch.branch, epic }),
          marker: { kind: "agent-mention", fields: { key: dispatch.entry.key } },
          since: dispatch.entry.time,
        },
      ],
    });
  }
  await applyActions({
    octokit: params.octokit,
    repo,
    identity: params.identity,
    actions: [
      {
        kind: "comment",
        key: `dispatch:${dispatch.entry.key}`,
        issue: dispatch.child,
        body: dispatchComment({ branch: dispatch.branch, epic, agent: dispatch.agent.name, member: dispatch.member }),
        marker: { kind: "dispatch", fields: { child: `#${dispatch.child}`, ...(epic ? { epic: `#${epic}` } : {}), key: dispatch.entry.key } },
        since: dispatch.entry.time,
      },
      { kind: "addLabels", key: `dispatched:${dispatch.entry.key}`, issue: dispatch.child, labels: [config.labels.dispatched] },
    ],
  });
}

/**
 * The member's token, else the agent's (whose owner Factory asks GitHub
 * for); read from Factory's environment, never from the repository.
 */
function tokenFor(params: { agent: Agent; member: string; config: Pick<Config, "budget">; env: NodeJS.ProcessEnv }): { token: string; owner?: string } | undefined {
  const member = params.config.budget.members.find((m) => m.login.toLowerCase() === params.member.toLowerCase());
  // An agent the organisation did not define (or one told not to) is never triggered as a member.
  const fromMember = member?.tokenEnv && params.agent.memberTokens ? params.env[member.tokenEnv]?.trim() : undefined;
  if (fromMember && member) return { token: fromMember, owner: member.login };
  const fromAgent = params.agent.tokenEnv ? params.env[params.agent.tokenEnv]?.trim() : undefined;
  return fromAgent ? { token: fromAgent } : undefined;
}
