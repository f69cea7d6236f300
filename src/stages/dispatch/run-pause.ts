import type { Config } from "../../config/schema.js";
import { isRunByFactory } from "../epic/epic-trust.js";
import { restAuthor } from "../../model/authorship.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { Action } from "../../model/action.js";
import { runFlow } from "../run-flow.js";
import { ledgerFileAt, ledgerLocation } from "../../model/ledger-location.js";
import { pausePath } from "../../model/pause-file.js";
import { readRepoPause } from "./repo-pause.js";

/** Inputs of {@link runPause}. */
export interface RunPauseParams {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "labels" | "ledger">;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: FactoryIdentity;
  issue: number;
  paused: boolean;
  by: string;
  now: Date;
  dryRun?: boolean;
}

/** What a pause or resume reads: whether the issue is an epic Factory runs, and what is paused now. */
interface PauseObservation {
  /** The epic's labels, when the issue is one; else undefined (the pause covers the repository). */
  epicLabels?: string[];
  /** The repository's pause, read for a dry run (a real run lets the executor's compare-and-swap decide). */
  repoPaused?: boolean;
}

/** The plan's answer: what was done, and what to say when the executor found it done already. */
interface PauseReply {
  text: string;
  unchanged: string;
}

/**
 * `/factory pause` and `/factory resume` (SPEC §3). On an epic the pause is
 * the `factory:paused` label on it; anywhere else it covers the repository
 * and is kept in a file next to the ledger. Both live in GitHub, so a pause
 * survives restarts; dispatch, by command or automatic, honours both.
 * A dry run says what would change and writes nothing.
 */
export async function runPause(params: RunPauseParams): Promise<string> {
  const run = await runFlow({
    observe: () => observePause(params),
    plan: (seen) => planPause(params, seen),
    writer: { octokit: params.octokit, repo: params.repo, identity: params.identity },
  });
  const { text, unchanged } = run.plan.reply;
  const set = run.applied.find((done) => done.action.kind === "setRepoPause");
  return set && set.outcome !== "done" ? unchanged : text;
}

async function observePause(params: RunPauseParams): Promise<PauseObservation> {
  const { octokit, repo, config } = params;
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number: params.issue });
  const labels = data.labels.map((label) => (typeof label === "string" ? label : (label.name ?? "")));
  const isEpic = await isRunByFactory({ octokit, repo, identity: params.identity, adoptedLabel: config.labels.adopted, issue: { number: params.issue, body: data.body, author: restAuthor(data), labels } });
  if (isEpic) return { epicLabels: labels };
  return params.dryRun ? { repoPaused: (await readRepoPause({ octokit, config, repo })).paused } : {};
}

/** The pause as actions, pure; a dry run plans none and says what it would do. */
function planPause(params: RunPauseParams, seen: PauseObservation): { actions: Action[]; reply: PauseReply } {
  const { config, issue, paused } = params;
  const none = (text: string) => ({ actions: [], reply: { text, unchanged: text } });
  if (seen.epicLabels) {
    const has = seen.epicLabels.some((l) => l.toLowerCase() === config.labels.paused.toLowerCase());
    if (has === paused) return none(paused ? `Epic #${issue} was already paused.` : `Epic #${issue} was not paused.`);
    if (params.dryRun) {
      return none(
        paused
          ? `Dry run: this would pause epic #${issue} (label \`${config.labels.paused}\`). Nothing was changed.`
          : `Dry run: this would resume epic #${issue} (remove \`${config.labels.paused}\`). Nothing was changed.`,
      );
    }
    const actions: Action[] = paused
      ? [
          { kind: "ensureLabel", key: `label:${config.labels.paused}`, name: config.labels.paused, color: "e4e669", description: "Factory dispatches nothing here until /factory resume" },
          { kind: "addLabels", key: `pause:${issue}`, issue, labels: [config.labels.paused] },
        ]
      : [{ kind: "removeLabel", key: `resume:${issue}`, issue, label: config.labels.paused }];
    const text = paused
      ? `Paused epic #${issue}: nothing in it is dispatched, by command or automatically, until \`/factory resume\` here. Work already handed out carries on.`
      : `Resumed epic #${issue}: \`/factory dispatch next\` hands out its next phase.`;
    return { actions, reply: { text, unchanged: text } };
  }
  const name = `${params.repo.owner}/${params.repo.repo}`;
  const unchanged = paused ? `${name} was already paused.` : `${name} was not paused.`;
  if (params.dryRun) return none(seen.repoPaused === paused ? unchanged : `Dry run: this would ${paused ? "pause" : "resume"} dispatching in ${name}. Nothing was changed.`);
  const location = ledgerLocation({ config, owner: params.repo.owner });
  const file = ledgerFileAt(location, pausePath(location.directory));
  const text = paused
    ? `Paused ${name}: nothing is dispatched in this repository, by command or automatically, until \`/factory resume\`. Work already handed out carries on.`
    : `Resumed ${name}: dispatching works again.`;
  return { actions: [{ kind: "setRepoPause", key: `pause:${name}`, file, repo: name, paused, by: params.by, at: params.now.toISOString() }], reply: { text, unchanged } };
}
