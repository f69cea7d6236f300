import type { Logger } from "probot";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { Config } from "../../config/schema.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { renderAuditAnswer } from "../audit/render-audit-answer.js";
import type { Command } from "./command.js";
import { renderDispatchAnswer } from "../dispatch/render-dispatch-answer.js";
import { renderEpicAnswer } from "../epic/render-epic-answer.js";
import type { Answer } from "./plan-command-reply.js";
import type { FlowObserver } from "../flow-observer.js";
import { runAdopt } from "../epic/run-adopt.js";
import { runAudit } from "../audit/run-audit.js";
import { runBudget } from "../dispatch/run-budget.js";
import { runDispatch, type UserOctokitFactory } from "../dispatch/run-dispatch.js";
import { runEpics } from "../epic/run-epics.js";
import { runPause } from "../dispatch/run-pause.js";
import { runRetry } from "../dispatch/run-retry.js";
import { runEscalate } from "../dispatch/run-escalate.js";
import { runStatus } from "../monitor/run-status.js";
import { FollowUpList } from "../dispatch/run-follow-up.js";
import { renderSyncAnswer, runSync } from "../monitor/run-sync.js";

/** Everything a command's flow may need, gathered once per comment. */
export interface VerbContext {
  octokit: Octokit;
  repo: RepoRef;
  config: Config;
  issue: number;
  author: string;
  delivery: string;
  language: string | null;
  defaultBranch: string;
  now: Date;
  env: NodeJS.ProcessEnv;
  userOctokit: UserOctokitFactory;
  /** How agents' own APIs are reached (Jules's sessions); Node's `fetch` when absent, a stand-in in tests. */
  agentFetch?: typeof globalThis.fetch;
  log: Logger;
  /** Told what dispatch and monitor runs did (metrics). */
  observer?: FlowObserver;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: FactoryIdentity;
}

function dispatchParams(context: VerbContext) {
  return {
    octokit: context.octokit,
    repo: context.repo,
    config: context.config,
    now: context.now,
    delivery: context.delivery,
    defaultBranch: context.defaultBranch,
    env: context.env,
    userOctokit: context.userOctokit,
    ...(context.agentFetch ? { agentFetch: context.agentFetch } : {}),
    log: context.log,
    observer: context.observer,
    identity: context.identity,
  };
}

/**
 * Runs the flow behind one allowed command and returns its answer, or
 * undefined for verbs answered without a flow (help). Wiring only: every
 * decision is in the flows and their planners.
 */
export async function runVerb(context: VerbContext, command: Command): Promise<Answer | undefined> {
  const { octokit, repo, config } = context;
  switch (command.verb) {
    case "audit": {
      const outcomes = await runAudit({
        octokit,
        repo,
        config,
        identity: context.identity,
        target: command.all ? { kind: "all" } : { kind: "one", issue: context.issue },
        dryRun: command.dryRun,
        language: context.language,
        log: context.log,
      });
      const answer = renderAuditAnswer({ outcomes, all: command.all, auditLabel: config.audit.label, dryRun: command.dryRun });
      // epics.auto: group what the audit created right away, and say so in the same reply.
      if (config.epics.auto && !command.dryRun && outcomes.some((outcome) => outcome.created.length > 0)) {
        const epics = await runEpics({ octokit, repo, config, identity: context.identity, dryRun: false, now: context.now, log: context.log });
        answer.text += `\n\nThen, as \`epics.auto\` is on:\n\n${renderEpicAnswer(epics, { directLabel: config.labels.direct }).text}`;
      }
      return answer;
    }
    case "epic":
      return renderEpicAnswer(await runEpics({ octokit, repo, config, identity: context.identity, dryRun: command.dryRun, now: context.now, log: context.log }), {
        directLabel: config.labels.direct,
      });
    case "adopt":
      return runAdopt({ octokit, repo, config, identity: context.identity, issue: context.issue, by: context.author, dryRun: command.dryRun, now: context.now, log: context.log });
    case "dispatch":
      return renderDispatchAnswer(
        await runDispatch({ ...dispatchParams(context), issue: context.issue, target: command.target, dryRun: command.dryRun }),
      );
    case "budget":
      return { ok: true, text: (await runBudget({ octokit, repo, config, identity: context.identity, view: command.view, ...(command.days ? { days: command.days } : {}), now: context.now })).text };
    case "pause":
    case "resume":
      return {
        ok: true,
        text: await runPause({ octokit, repo, config, identity: context.identity, issue: context.issue, paused: command.verb === "pause", by: context.author, now: context.now, dryRun: command.dryRun }),
      };
    case "sync": {
      const followUps = new FollowUpList();
      const outcomes = await runSync({
        octokit,
        repo,
        config,
        identity: context.identity,
        now: context.now,
        log: context.log,
        observer: context.observer,
        dryRun: command.dryRun,
        followUps: followUps.take,
        members: { env: context.env, userOctokit: context.userOctokit, ...(context.agentFetch ? { agentFetch: context.agentFetch } : {}) },
      });
      // The next phases the sync found due are dispatched before answering, so the answer says what was done.
      await followUps.runAll(dispatchParams(context));
      return { ok: true, text: renderSyncAnswer(outcomes, { dryRun: command.dryRun }) };
    }
    case "retry":
      return runRetry({ ...dispatchParams(context), child: command.issue, dryRun: command.dryRun });
    case "escalate":
      return runEscalate({ octokit, repo, config, identity: context.identity, target: command.issue, by: context.author, dryRun: command.dryRun });
    case "status":
      return { ok: true, text: (await runStatus({ octokit, repo, config, identity: context.identity, issue: context.issue, now: context.now })).text };
    default:
      return undefined;
  }
}
