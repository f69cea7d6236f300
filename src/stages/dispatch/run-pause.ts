import type { Config } from "../../config/schema.js";
import { isRunByFactory } from "../epic/epic-trust.js";
import { restAuthor } from "../../model/authorship.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { applyActions } from "../../github/executor/apply-actions.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { ledgerFileAt, ledgerLocation } from "./ledger-location.js";
import { pausePath, readRepoPause } from "./repo-pause.js";

/**
 * `/factory pause` and `/factory resume` (SPEC §3). On an epic the pause is
 * the `factory:paused` label on it; anywhere else it covers the repository
 * and is kept in a file next to the ledger. Both live in GitHub, so a pause
 * survives restarts; dispatch, by command or automatic, honours both.
 * A dry run says what would change and writes nothing.
 */
export async function runPause(params: {
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
}): Promise<string> {
  const { octokit, repo, config } = params;
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number: params.issue });
  const labels = data.labels.map((label) => (typeof label === "string" ? label : (label.name ?? "")));
  const isEpic = await isRunByFactory({ octokit, repo, identity: params.identity, adoptedLabel: config.labels.adopted, issue: { number: params.issue, body: data.body, author: restAuthor(data), labels } });
  if (isEpic) {
    const has = labels.some((l) => l.toLowerCase() === config.labels.paused.toLowerCase());
    if (has === params.paused) return params.paused ? `Epic #${params.issue} was already paused.` : `Epic #${params.issue} was not paused.`;
    if (params.dryRun) {
      return params.paused
        ? `Dry run: this would pause epic #${params.issue} (label \`${config.labels.paused}\`). Nothing was changed.`
        : `Dry run: this would resume epic #${params.issue} (remove \`${config.labels.paused}\`). Nothing was changed.`;
    }
    if (params.paused) {
      await applyActions({
        octokit,
        repo,
        identity: params.identity,
        actions: [
          { kind: "ensureLabel", key: `label:${config.labels.paused}`, name: config.labels.paused, color: "e4e669", description: "Factory dispatches nothing here until /factory resume" },
          { kind: "addLabels", key: `pause:${params.issue}`, issue: params.issue, labels: [config.labels.paused] },
        ],
      });
      return `Paused epic #${params.issue}: nothing in it is dispatched, by command or automatically, until \`/factory resume\` here. Work already handed out carries on.`;
    }
    await applyActions({ octokit, repo, identity: params.identity, actions: [{ kind: "removeLabel", key: `resume:${params.issue}`, issue: params.issue, label: config.labels.paused }] });
    return `Resumed epic #${params.issue}: \`/factory dispatch next\` hands out its next phase.`;
  }
  const name = `${repo.owner}/${repo.repo}`;
  if (params.dryRun) {
    const current = await readRepoPause({ octokit, config, repo });
    if (current.paused === params.paused) return params.paused ? `${name} was already paused.` : `${name} was not paused.`;
    return `Dry run: this would ${params.paused ? "pause" : "resume"} dispatching in ${name}. Nothing was changed.`;
  }
  const location = ledgerLocation({ config, owner: repo.owner });
  const file = ledgerFileAt(location, pausePath(location.directory));
  const [set] = await applyActions({
    octokit,
    repo,
    identity: params.identity,
    actions: [{ kind: "setRepoPause", key: `pause:${name}`, file, repo: name, paused: params.paused, by: params.by, at: params.now.toISOString() }],
  });
  if (set?.outcome !== "done") return params.paused ? `${name} was already paused.` : `${name} was not paused.`;
  return params.paused
    ? `Paused ${name}: nothing is dispatched in this repository, by command or automatically, until \`/factory resume\`. Work already handed out carries on.`
    : `Resumed ${name}: dispatching works again.`;
}
