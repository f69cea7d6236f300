import { Command } from "commander";
import { FollowUpList } from "../stages/dispatch/run-follow-up.js";
import { renderSyncAnswer, runSync } from "../stages/monitor/run-sync.js";
import { renderDispatchAnswer } from "../stages/dispatch/render-dispatch-answer.js";
import type { CliDeps, CliIo } from "./build-program.js";
import { ENVIRONMENT_HELP } from "./cli-octokit.js";
import { cliDelivery } from "./cli-delivery.js";
import { parseRepoArg, runOnRepo } from "./open-repo.js";

/**
 * `factory sync <owner/repo> [--dry-run] [--json]`: what `/factory sync`
 * does — this one writes; with `--dry-run` it reads and plans one pass over
 * each open epic and prints it, writing nothing.
 */
export function syncCommand(io: CliIo, deps: CliDeps): Command {
  return new Command("sync")
    .addHelpText("after", `\n${ENVIRONMENT_HELP}`)
    .summary("Reconcile every open epic, as /factory sync does (WRITES to GitHub; --dry-run only shows the plan).")
    .description(
      "WRITES TO GITHUB. Reconcile every open epic of the repository as `/factory sync` does: tick and close children whose pull requests " +
        "merged, nudge agents, label escalations, merge ready pull requests, open or merge the epic's own pull request, record released " +
        "attempts and journal lines in the ledger repository — and, with dispatch.auto on, dispatch each next phase (spending budget). " +
        "With --dry-run nothing is written: each epic is read once and what its pass would do is printed in words, with the ledger and " +
        "journal lines it would append, whether it would dispatch the next phase, and what each pull request waits for.",
    )
    .argument("<owner/repo>", "the repository")
    .option("--dry-run", "write nothing: print what one pass over each open epic would do (as `/factory sync --dry-run` replies)")
    .option(
      "--json",
      "print JSON: { repo, epics: [{ epic, passes, changes, waiting, dispatched }], dispatches: [{ epic, text }], text }; with --dry-run " +
        "{ repo, dryRun: true, epics: [{ epic, actions, reports, releases, journal, dispatchNext, waiting }], text }",
    )
    .action(async (target: string, options: { dryRun?: boolean; json?: boolean }) => {
      const repo = parseRepoArg(target);
      if (options.dryRun) {
        await runOnRepo({ io, deps, repo, label: `planning a sync of ${target}`, json: options.json }, async (session) => {
          // A dry run plans and applies nothing, so it takes no follow-up either.
          const outcomes = await runSync({ ...session, dryRun: true, followUps: () => undefined });
          const text = renderSyncAnswer(outcomes, { dryRun: true });
          const epics = outcomes.flatMap((o) => (o.preview ? [o.preview] : []));
          return { value: { repo: session.fullName, dryRun: true, epics, text }, text };
        });
        return;
      }
      await runOnRepo({ io, deps, repo, label: `syncing ${target}`, json: options.json }, async (session) => {
        const followUps = new FollowUpList();
        const outcomes = await runSync({ ...session, followUps: followUps.take, members: { env: session.env, userOctokit: session.userOctokit } });
        if (followUps.jobs.length > 0) session.progress.note(`dispatching the next phase of ${followUps.jobs.map((job) => `#${job.epic}`).join(", ")}`);
        const done = await followUps.runAll({ ...session, delivery: cliDelivery("sync"), userOctokit: session.userOctokit });
        const dispatches = done.map(({ job, outcome }) => ({ epic: job.epic, text: renderDispatchAnswer(outcome).text }));
        const text = [renderSyncAnswer(outcomes), ...dispatches.map((d) => `\nNext phase of #${d.epic}:\n\n${d.text}`)].join("\n");
        const epics = outcomes.map((o) => ({ epic: o.epic, passes: o.passes, changes: o.actions, waiting: o.waiting, dispatched: o.dispatched }));
        return { value: { repo: session.fullName, epics, dispatches, text }, text };
      });
    });
}
