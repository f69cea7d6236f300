import type { Logger } from "probot";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { Config } from "../../config/schema.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { epicBranch } from "./epic-branch.js";
import type { EpicPlan } from "./plan-epics.js";
import { newEpicRef, planEpicFlow } from "./plan-epic-flow.js";
import { linkProblems } from "./plan-reconcile.js";
import { protectionRefusals } from "./plan-epic-ruleset.js";
import { readEpics } from "./read-epics.js";
import { renderEpicPlan } from "./render-epic-plan.js";
import { runFlow } from "../run-flow.js";

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
 * candidates, GitHub's issue dependencies, what each Factory epic has),
 * plan the whole run with `planEpicFlow` — new epics named by refs, so their
 * branches, `Parent: #EPIC` comments and sub-issue links follow in the same
 * plan — and apply it. Each action is ensure-style, so a rerun or a run
 * after a crash only does what is missing.
 */
export async function runEpics(params: RunEpicsParams): Promise<EpicOutcome> {
  const { octokit, repo, config } = params;
  const run = await runFlow({
    observe: () => readEpics(params),
    plan: (seen) => planEpicFlow({ seen, config, now: params.now }),
    writer: { octokit, repo, identity: params.identity },
    dryRun: params.dryRun,
  });
  const { plan, notes } = run.plan.reply;
  if (run.described) return { plan, created: [], extended: [], problems: [], dryRun: renderEpicPlan({ plan, epics: run.snapshot.epics, prefix: config.epics.branchPrefix }) };
  const numbers = new Map(run.applied.flatMap((done) => (done.action.kind === "createIssue" && done.action.ref && done.number !== undefined ? [[done.action.ref, done.number] as const] : [])));
  const created = plan.epics.map((epic) => {
    const number = numbers.get(newEpicRef(epic.batch)) as number;
    return { number, title: epic.title, branch: epicBranch({ prefix: config.epics.branchPrefix, number, slug: epic.slug }), children: epic.children.length, phases: epic.phases.length };
  });
  const problems = [
    ...linkProblems(run.applied, (ref) => (typeof ref === "number" ? ref : numbers.get(ref.ref))),
    ...protectionRefusals(run.applied),
    ...notes,
  ];
  const outcome: EpicOutcome = { plan, created, extended: plan.extensions.map((x) => ({ epic: x.epic, children: x.children })), problems };
  params.log.info({ created: created.map((e) => e.number), extended: outcome.extended.map((e) => e.epic) }, "Epics planned and reconciled");
  return outcome;
}
