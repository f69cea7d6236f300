import { Command } from "commander";
import { runDispatch } from "../flows/run-dispatch.js";
import { renderSyncAnswer, runSync } from "../flows/run-sync.js";
import { renderDispatchAnswer } from "../model/dispatch/render-dispatch-answer.js";
import type { CliDeps, CliIo } from "./build-program.js";
import { ENVIRONMENT_HELP } from "./cli-octokit.js";
import { cliDelivery } from "./cli-delivery.js";
import { parseRepoArg, runOnRepo } from "./open-repo.js";

/** Why `sync --dry-run` is refused rather than faked. */
export const SYNC_HAS_NO_DRY_RUN =
  "sync has no dry run: it applies each monitor pass as it plans it, so nothing was done; " +
  "run `factory status <owner/repo> [epic]` to see what each epic's pull requests wait for";

/** `factory sync <owner/repo> [--json]`: what `/factory sync` does — this one writes. */
export function syncCommand(io: CliIo, deps: CliDeps): Command {
  return new Command("sync")
    .addHelpText("after", `\n${ENVIRONMENT_HELP}`)
    .summary("Reconcile every open epic, as /factory sync does (WRITES to GitHub).")
    .description(
      "WRITES TO GITHUB. Reconcile every open epic of the repository as `/factory sync` does: tick and close children whose pull requests " +
        "merged, nudge agents, label escalations, merge ready pull requests, open or merge the epic's own pull request, record released " +
        "attempts and journal lines in the ledger repository — and, with dispatch.auto on, dispatch each next phase (spending budget). " +
        "There is no dry run; `factory status` shows what each epic waits for.",
    )
    .argument("<owner/repo>", "the repository")
    .option("--dry-run", "refused: sync cannot run without writing (use `factory status`)")
    .option("--json", "print JSON: { repo, epics: [{ epic, passes, changes, waiting, dispatched }], dispatches: [{ epic, text }], text }")
    .action(async (target: string, options: { dryRun?: boolean; json?: boolean }) => {
      if (options.dryRun) throw new Error(SYNC_HAS_NO_DRY_RUN);
      const repo = parseRepoArg(target);
      await runOnRepo({ io, deps, repo, label: `syncing ${target}`, json: options.json }, async (session) => {
        const dispatches: Array<{ epic: number; text: string }> = [];
        const outcomes = await runSync({
          ...session,
          dispatchNext: async (epic) => {
            session.progress.note(`dispatching the next phase of #${epic}`);
            const outcome = await runDispatch({
              ...session,
              issue: epic,
              target: { kind: "next" },
              dryRun: false,
              delivery: cliDelivery("sync"),
              userOctokit: session.userOctokit,
            });
            dispatches.push({ epic, text: renderDispatchAnswer(outcome).text });
            session.progress.note(`syncing ${target}`);
          },
        });
        const text = [renderSyncAnswer(outcomes), ...dispatches.map((d) => `\nNext phase of #${d.epic}:\n\n${d.text}`)].join("\n");
        const epics = outcomes.map((o) => ({ epic: o.epic, passes: o.passes, changes: o.actions, waiting: o.waiting, dispatched: o.dispatched }));
        return { value: { repo: session.fullName, epics, dispatches, text }, text };
      });
    });
}
