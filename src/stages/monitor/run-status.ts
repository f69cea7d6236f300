import type { Config } from "../../config/schema.js";
import { neutraliseTitle } from "../../model/neutralise.js";
import { factoryEpicsAmong } from "../epic/epic-trust.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { listIssues } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { readEpicSnapshot } from "./read-epic-snapshot.js";
import { epicStatus, type EpicStatus } from "./epic-status.js";
import { planMonitor } from "./plan-monitor.js";
import { renderEpicStatus } from "./render-epic-status.js";

/** What {@link runStatus} found: the reply, and the issue read as an epic when it exists. */
export interface StatusOutcome {
  /** The issue as an epic: its phases (none when its body lists none), children and pull requests. */
  status?: EpicStatus;
  /** The reply: the epic's status, or (on an issue without phases) the repository's open epics. */
  text: string;
}

/**
 * `/factory status` (SPEC §3, open to everyone, read-only): on an epic, its
 * phases with progress and each open pull request with what it waits for;
 * elsewhere, the repository's open epics with their progress.
 */
export async function runStatus(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "epics" | "monitor" | "merge" | "dispatch" | "labels" | "agents" | "budget">;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: FactoryIdentity;
  issue: number;
  now: Date;
}): Promise<StatusOutcome> {
  const { octokit, repo, config } = params;
  const snapshot = await readEpicSnapshot({ octokit, repo, epic: params.issue, config, identity: params.identity });
  if (snapshot && snapshot.epic.document.phases.length > 0) {
    const status = epicStatus({ snapshot, plan: planMonitor({ snapshot, config, now: params.now }), config });
    return { status, text: renderEpicStatus(status) };
  }
  const status = snapshot ? epicStatus({ snapshot, plan: { waiting: [] }, config }) : undefined;
  const open = await listIssues({ octokit, repo, state: "open" });
  const epics = await factoryEpicsAmong({ octokit, repo, identity: params.identity, labels: config.labels, issues: open });
  const text =
    epics.length === 0
      ? "No open epic in this repository."
      : ["Open epics:", ...epics.map((epic) => `- #${epic.number} ${neutraliseTitle(epic.title)}`), "", "Run `/factory status` on an epic for its phases and pull requests."].join("\n");
  return { ...(status ? { status } : {}), text };
}
