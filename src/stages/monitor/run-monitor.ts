import type { Logger } from "probot";
import { agentApis, hasToken, memberWriters, requestWriter, sessionKey, type MemberAccess } from "../../agents/member-writers.js";
import { requestRoute, resolverRoute, type RequestRoute } from "../../agents/request-route.js";
import { sessionStarted } from "../../agents/session-client.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { Config } from "../../config/schema.js";
import { readLedger } from "../dispatch/ledger.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { readEpicSnapshot } from "./read-epic-snapshot.js";
import type { SnapshotCache } from "./snapshot-cache.js";
import { describeMonitorPlan, type MonitorPreview } from "./describe-monitor-plan.js";
import { planMonitor, type MonitorPlan } from "./plan-monitor.js";
import { planMonitorPass, type MonitorObservation } from "./plan-monitor-pass.js";
import { reportRefusals } from "./report-refusals.js";
import { expiredPickups } from "./plan-pickups.js";
import { bareLogin } from "../../model/authorship.js";
import type { FollowUp } from "../../model/follow-up.js";
import type { FlowObserver } from "../flow-observer.js";
import { runFlow, type FlowPlan } from "../run-flow.js";

/** What one or more monitor passes over an epic did. */
export interface MonitorOutcome {
  epic: number;
  passes: number;
  actions: string[];
  waiting: MonitorPlan["waiting"];
  dispatched: boolean;
  /** Set by a dry run: what one pass would do, in words. Nothing was applied. */
  preview?: MonitorPreview;
  /** What could not be repaired (a sub-issue link GitHub refused), in words; set by a sync. */
  problems?: string[];
}

/** Inputs of {@link runMonitor}. */
export interface RunMonitorParams {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "epics" | "monitor" | "merge" | "dispatch" | "labels" | "ledger" | "agents" | "budget">;
  epic: number;
  /** Factory's own account: only its epics, requests and the agents' pull requests count. */
  identity: FactoryIdentity;
  now: Date;
  log: Logger;
  /**
   * Takes follow-up jobs: the epic's next phase, to dispatch through Stage 3
   * (so the budget holds) when `dispatch.auto` is on. The event handler and
   * the sweep queue them; a command or the CLI runs them once the sync is done.
   */
  followUps: (job: FollowUp) => unknown;
  /** Most passes; each re-reads the epic, so what one pass changes the next one sees. */
  maxPasses?: number;
  /** Told what each pass applied (metrics count escalations from it). */
  observer?: FlowObserver;
  /** Keeps the snapshot of a pass that found nothing to do, for the dashboard that follows. */
  snapshots?: SnapshotCache;
  /** How Factory writes as a member: requests to agents that ignore apps go as the first member whose token it has. */
  members?: MemberAccess;
  /**
   * Plan one pass and describe it (`preview`) without applying anything: no
   * actions, no check runs, no ledger or journal lines, no dispatch.
   */
  dryRun?: boolean;
}

/**
 * The monitor flow (SPEC §1.4): each pass reads the epic in one GraphQL query
 * (and the ledger month only when an attempt is to be released), plans it
 * with `planMonitorPass` — the pass's writes, released attempts, journal
 * records and the next phase's dispatch as a job of its own — and applies
 * it through `runFlow`; the check runs report after the merges were tried.
 * Passes repeat until one has nothing left to do, so a sync catches up with
 * everything a lost webhook missed. A dry run reads and plans one pass and
 * returns it in words, writing nothing.
 */
export async function runMonitor(params: RunMonitorParams): Promise<MonitorOutcome> {
  const outcome: MonitorOutcome = { epic: params.epic, passes: 0, actions: [], waiting: [], dispatched: false };
  for (let pass = 0; pass < (params.maxPasses ?? 3); pass++) {
    const run = await runFlow({
      observe: () => observePass(params),
      plan: (seen) => (seen ? planPass(params, seen, outcome.dispatched) : { actions: [], reply: undefined }),
      writer: { octokit: params.octokit, repo: params.repo, identity: params.identity, followUps: params.followUps, ...(params.members ? { members: memberWriters(params.members, params.octokit), agentApis: agentApis(params.members) } : {}) },
      dryRun: params.dryRun ?? false,
    });
    const plan = run.plan.reply;
    if (!run.snapshot || !plan) return params.dryRun ? { ...outcome, preview: emptyPreview(params.epic) } : outcome;
    outcome.passes += 1;
    outcome.waiting = plan.waiting;
    if (params.dryRun) {
      params.log.info({ epic: params.epic, actions: plan.actions.map((a) => a.key), dispatchNext: plan.dispatchNext }, "Monitor dry run planned");
      return { ...outcome, preview: describeMonitorPlan({ plan, snapshot: run.snapshot.snapshot }) };
    }
    if (run.applied.length === 0) {
      // Nothing to do: what was read still holds, for the dashboard that follows.
      await params.snapshots?.remember(params.repo, params.epic, run.snapshot.snapshot, params.now);
      break;
    }
    // This pass changed the epic: what was remembered of it no longer holds.
    await params.snapshots?.forget(params.repo, params.epic);
    const done = run.applied.filter((a) => a.outcome === "done");
    outcome.actions.push(...done.filter((a) => a.action.kind !== "enqueue" && a.action.kind !== "appendRecords").map((a) => a.action.key));
    outcome.dispatched ||= done.some((a) => a.action.kind === "enqueue");
    params.observer?.monitorApplied?.(run.applied);
    // Another pass only when this one changed what the next would read: check-run reports, records and jobs only report.
    const changed = done.some((a) => !["ensureCheckRun", "enqueue", "appendRecords"].includes(a.action.kind));
    if (!changed && plan.releases.length === 0) break;
  }
  params.log.info({ epic: params.epic, passes: outcome.passes, actions: outcome.actions }, "Monitor pass done");
  return outcome;
}

/** Reads the epic; and the ledger month, only when the pass will release an attempt or check a hand-over nobody picked up. */
async function observePass(params: RunMonitorParams): Promise<MonitorObservation | undefined> {
  const { octokit, repo, config } = params;
  const snapshot = await readEpicSnapshot({ octokit, repo, epic: params.epic, config, identity: params.identity });
  if (!snapshot || params.dryRun) return snapshot ? { snapshot } : undefined;
  // Planning is pure and the plan is kept: it says whether the ledger is needed, and is not made twice.
  const plan = planMonitor({ snapshot, config, now: params.now, ...routesOf(params) });
  // Releases need the attempts' keys, and children no agent picked up the time they were paid for.
  if (plan.releases.length === 0 && plan.unpicked.length === 0) return { snapshot, plan };
  const ledger = await readLedger({ octokit, config, owner: repo.owner, now: params.now });
  const expired = expiredPickups({ plan, ledger, config, repo: `${repo.owner}/${repo.repo}`, now: params.now });
  return { snapshot, plan, ledger, ...(expired.length > 0 ? { acknowledged: await readAcknowledged({ octokit, repo, config, expired, ...(params.members ? { members: params.members } : {}) }) } : {}) };
}

/**
 * The pass's plan: its actions, then the check-run reports, which say what
 * GitHub refused of the merges just tried. The next phase is enqueued once
 * per run, however many passes plan it.
 */
function planPass(params: RunMonitorParams, seen: MonitorObservation, dispatched: boolean): FlowPlan<MonitorPlan> {
  const pass = planMonitorPass({ seen, config: params.config, now: params.now, repo: `${params.repo.owner}/${params.repo.repo}`, ...routesOf(params) });
  const actions = dispatched ? pass.actions.filter((action) => action.kind !== "enqueue") : pass.actions;
  return { actions, reply: pass.reply, after: (applied) => reportRefusals({ snapshot: seen.snapshot, reports: pass.reply.reports, applied }) };
}

/**
 * How this run's requests reach each pull request's agent, and the resolver
 * agent when there is one: in its syntax, as a member where it ignores apps.
 */
function routesOf(params: RunMonitorParams): { route: (author: string) => RequestRoute; resolver?: RequestRoute } {
  const access = params.members;
  const writer = access ? requestWriter(params.config, (name) => hasToken(access.env, name)) : undefined;
  const resolver = resolverRoute({ config: params.config, writer });
  const hasKey = access ? (name: string) => hasToken(access.env, name) : undefined;
  return { route: (author) => requestRoute({ author, agents: params.config.agents, writer, ...(hasKey ? { hasKey } : {}) }), ...(resolver ? { resolver } : {}) };
}

/**
 * Which of the hand-overs past `dispatch.pickupHours` their agent has
 * acknowledged: a 👀 on the issue from one of its accounts, as Jules gives
 * within seconds of taking a task; for a child handed over as a session
 * through the agent's API, the session having left `QUEUED` (Jules is
 * planning or working). One request per such child, only when one is about
 * to be handed back.
 */
async function readAcknowledged(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "agents">;
  expired: Array<{ child: number; attempt: { agent: string; key: string } }>;
  members?: MemberAccess;
}): Promise<Set<number>> {
  const acknowledged = new Set<number>();
  const access = params.members;
  for (const { child, attempt } of params.expired) {
    const agent = params.config.agents.find((candidate) => candidate.name === attempt.agent);
    const apiKeyEnv = agent && access ? sessionKey(agent, (name) => hasToken(access.env, name)) : undefined;
    if (apiKeyEnv && access) {
      if (await sessionStarted(agentApis(access), { api: "jules", apiKeyEnv, repo: `${params.repo.owner}/${params.repo.repo}`, title: `${attempt.key} ` })) acknowledged.add(child);
      continue;
    }
    const accounts = new Set((params.config.agents.find((agent) => agent.name === attempt.agent)?.accounts ?? []).map((account) => bareLogin(account)));
    const { data } = await params.octokit.rest.reactions.listForIssue({ ...params.repo, issue_number: child, content: "eyes", per_page: 100 });
    if (data.some((reaction) => reaction.user && accounts.has(bareLogin(reaction.user.login)))) acknowledged.add(child);
  }
  return acknowledged;
}

function emptyPreview(epic: number): MonitorPreview {
  return { epic, actions: [], reports: [], releases: 0, journal: 0, dispatchNext: false, waiting: [] };
}
