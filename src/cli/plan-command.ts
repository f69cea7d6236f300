import { Command } from "commander";
import type { IssueView } from "../github/list-issues.js";
import { runAudit } from "../stages/audit/run-audit.js";
import { runDispatch, type DispatchOutcome } from "../stages/dispatch/run-dispatch.js";
import { runEpics, type EpicOutcome } from "../stages/epic/run-epics.js";
import { renderAuditAnswer } from "../stages/audit/render-audit-answer.js";
import { renderDispatchAnswer } from "../stages/dispatch/render-dispatch-answer.js";
import { renderEpicAnswer } from "../stages/epic/render-epic-answer.js";
import type { CliDeps, CliIo } from "./build-program.js";
import { ENVIRONMENT_HELP } from "./cli-octokit.js";
import { cliDelivery } from "./cli-delivery.js";
import { listOpenEpics } from "./list-open-epics.js";
import { parseRepoArg, runOnRepo, type CommandResult, type RepoSession } from "./open-repo.js";

/**
 * `factory plan <owner/repo> [--json]`: the dry runs of `/factory audit all`,
 * `/factory epic` and `/factory dispatch next` on every open epic, printed
 * together. Each flow runs with `dryRun`, so nothing is written.
 */
export function planCommand(io: CliIo, deps: CliDeps): Command {
  return new Command("plan")
    .addHelpText("after", `\n${ENVIRONMENT_HELP}`)
    .summary("Show what audit, epic and dispatch would do now, as dry runs (writes nothing).")
    .description(
      "Show what Factory would do on the repository now, without writing anything: the dry runs of `/factory audit all`, " +
        "`/factory epic` and `/factory dispatch next` on every open epic. Each plan reads GitHub as it is now, so issues the " +
        "audits would create are not in the epic plan yet.",
    )
    .argument("<owner/repo>", "the repository")
    .option(
      "--json",
      "print JSON: { repo, audits: [{ number, notAudit?, findings, alreadyTracked, text }], epics: { epics: [{ theme, title, children, phases }], " +
        "extensions, direct, cycles, text }, dispatch: [{ epic, title, refusal?, dispatches, skipped, budget, text }] }",
    )
    .action(async (target: string, options: { json?: boolean }) => {
      const repo = parseRepoArg(target);
      await runOnRepo({ io, deps, repo, label: `planning ${target}`, json: options.json }, planRepo);
    });
}

/** The three dry runs on one repository, as JSON and as text. */
async function planRepo(session: RepoSession): Promise<CommandResult> {
  const { config } = session;
  const epicIssues = await listOpenEpics(session);
  session.progress.start("audits", 2 + epicIssues.length);
  const audits = await runAudit({ ...session, target: { kind: "all" }, dryRun: true });
  const auditText = renderAuditAnswer({ outcomes: audits, all: true, auditLabel: config.audit.label, dryRun: true }).text;
  session.progress.tick("epics");
  const epics = await runEpics({ ...session, dryRun: true });
  const epicText = renderEpicAnswer(epics, { directLabel: config.labels.direct }).text;
  session.progress.tick();
  const dispatch = await planDispatches(session, epicIssues);
  const value = {
    repo: session.fullName,
    audits: audits.map((a) => ({
      number: a.number,
      ...(a.notAudit ? { notAudit: true } : {}),
      findings: a.findings,
      alreadyTracked: a.alreadyTracked,
      text: a.dryRun ?? "",
    })),
    epics: epicsValue(epics, epicText),
    dispatch,
  };
  return { value, text: planText({ fullName: session.fullName, auditText, epicText, dispatch }) };
}

/** `/factory dispatch next --dry-run` on each open epic, one progress tick each. */
async function planDispatches(session: RepoSession, epicIssues: readonly IssueView[]): Promise<DispatchValue[]> {
  const delivery = cliDelivery("plan");
  const dispatch: DispatchValue[] = [];
  for (const epic of epicIssues) {
    session.progress.note(`dispatch next on #${epic.number}`);
    const outcome = await runDispatch({ ...session, issue: epic.number, target: { kind: "next" }, dryRun: true, delivery });
    dispatch.push(dispatchValue(epic, outcome));
    session.progress.tick();
  }
  return dispatch;
}

/** One open epic's dispatch dry run, in the JSON answer. */
function dispatchValue(epic: IssueView, outcome: DispatchOutcome) {
  const { plan } = outcome;
  return {
    epic: epic.number,
    title: epic.title,
    ...(plan.refusal ? { refusal: plan.refusal } : {}),
    dispatches: plan.dispatches.map((d) => ({ child: d.child, title: d.title, agent: d.agent.name, member: d.member, branch: d.branch, repair: d.repair })),
    skipped: plan.skipped,
    budget: plan.budget,
    /** Every write the dispatch would make, in the describer's words. */
    writes: outcome.described ?? [],
    text: renderDispatchAnswer(outcome).text,
  };
}

type DispatchValue = ReturnType<typeof dispatchValue>;

/** The `epics` part of the JSON answer. */
function epicsValue(epics: EpicOutcome, text: string) {
  return {
    epics: epics.plan.epics.map((e) => ({
      theme: e.theme,
      title: e.title,
      children: e.children,
      phases: e.phases.map((p) => ({ name: p.name, kind: p.kind, children: p.children.map((c) => c.number) })),
    })),
    extensions: epics.plan.extensions.map((x) => ({ epic: x.epic, children: x.children })),
    direct: epics.plan.direct,
    cycles: epics.plan.cycles,
    text,
  };
}

/** The text answer: the three dry runs under their headings. */
function planText(params: { fullName: string; auditText: string; epicText: string; dispatch: readonly DispatchValue[] }): string {
  const { dispatch } = params;
  return [
    `Plan for ${params.fullName} — nothing was written. Each step reads GitHub as it is now: issues the audits would create are not in the epic plan yet.`,
    "",
    "== Audits: /factory audit all --dry-run ==",
    "",
    params.auditText,
    "",
    "== Epics: /factory epic --dry-run ==",
    "",
    params.epicText,
    "",
    "== Dispatch: /factory dispatch next --dry-run on each open epic ==",
    "",
    dispatch.length === 0 ? "No open epic to dispatch." : dispatch.map((d) => `#${d.epic} ${d.title}\n\n${d.text}`).join("\n\n"),
  ].join("\n");
}
