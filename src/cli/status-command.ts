import { Command } from "commander";
import { toIssueView } from "../github/list-issues.js";
import { isRunByFactory } from "../stages/epic/epic-trust.js";
import type { EpicStatus } from "../stages/monitor/epic-status.js";
import { runStatus } from "../stages/monitor/run-status.js";
import type { CliDeps, CliIo } from "./build-program.js";
import { ENVIRONMENT_HELP } from "./cli-octokit.js";
import { listOpenEpics } from "./list-open-epics.js";
import { parseRepoArg, runOnRepo, type RepoSession } from "./open-repo.js";

/** An epic number from the command line: `12` or `#12`. */
export function parseIssueArg(text: string): number {
  const number = Number(text.trim().replace(/^#/, ""));
  if (!Number.isSafeInteger(number) || number <= 0) throw new Error(`expected an issue number, not '${text}'`);
  return number;
}

/** `factory status <owner/repo> [epic] [--json]`: what `/factory status` answers, for one epic or every open one. */
export function statusCommand(io: CliIo, deps: CliDeps): Command {
  return new Command("status")
    .addHelpText("after", `\n${ENVIRONMENT_HELP}`)
    .summary("Show the open epics, or one epic, with phases, children and pull requests (read-only).")
    .description(
      "Show an epic's phases, children and pull requests (what each waits for), or the same for every open epic of the repository. Read-only.",
    )
    .argument("<owner/repo>", "the repository")
    .argument("[epic]", "an epic's issue number (default: every open epic)")
    .option(
      "--json",
      "print JSON: { repo, epics: [{ number, title, branch, phases: [{ number, name, kind, done, total, children: " +
        "[{ number, state: done|open|missing, dispatched, pull?: { number, state: open|closed|merged }, waiting? }] }] }] }",
    )
    .action(async (target: string, epicArg: string | undefined, options: { json?: boolean }) => {
      const repo = parseRepoArg(target);
      const epic = epicArg === undefined ? undefined : parseIssueArg(epicArg);
      await runOnRepo({ io, deps, repo, label: `status of ${target}`, json: options.json }, async (session) => {
        const epics = epic === undefined ? await listOpenEpics(session) : [await oneEpic(session, epic)];
        session.progress.start(`status of ${session.fullName}`, epics.length);
        const statuses: Array<{ status: EpicStatus; text: string }> = [];
        for (const issue of epics) {
          session.progress.note(`status of #${issue.number}`);
          const { status, text } = await runStatus({ ...session, issue: issue.number });
          if (!status) throw new Error(`${session.fullName}#${issue.number} could not be read`);
          statuses.push({ status, text });
          session.progress.tick();
        }
        const text =
          statuses.length === 0
            ? `No open epic in ${session.fullName}.`
            : [
                ...(epic === undefined ? [`${session.fullName}: ${statuses.length} open epic${statuses.length === 1 ? "" : "s"}`, ""] : []),
                statuses.map(({ status, text }) => (epic === undefined ? `#${status.number} ${text}` : text)).join("\n\n"),
              ].join("\n");
        return { value: { repo: session.fullName, epics: statuses.map(({ status }) => status) }, text };
      });
    });
}

/** The epic the user named, or a clear error when it is not one. */
async function oneEpic(session: RepoSession, number: number) {
  let issue;
  try {
    issue = toIssueView((await session.octokit.rest.issues.get({ ...session.repo, issue_number: number })).data);
  } catch (error) {
    if ((error as { status?: number }).status === 404) throw new Error(`${session.fullName}#${number} does not exist`);
    throw error;
  }
  const ours = await isRunByFactory({ octokit: session.octokit, repo: session.repo, identity: session.identity, adoptedLabel: session.config.labels.adopted, issue });
  if (!ours) {
    throw new Error(`${session.fullName}#${number} is not one of Factory's epics (made by its app, or taken over with /factory adopt): run factory status ${session.fullName} for the open epics`);
  }
  return issue;
}
