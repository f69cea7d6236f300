import type { Config } from "../config/schema.js";
import { listIssues } from "../github/list-issues.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import { readEpicSnapshot } from "../github/read-epic-snapshot.js";
import { isEpicIssue } from "../model/epic/is-epic-issue.js";
import { currentPull } from "../model/monitor/link-pulls.js";
import { planMonitor } from "../model/monitor/plan-monitor.js";

/**
 * `/factory status` (SPEC §3, open to everyone, read-only): on an epic, its
 * phases with progress and each open pull request with what it waits for;
 * elsewhere, the repository's open epics with their progress.
 */
export async function runStatus(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "epics" | "monitor" | "merge" | "dispatch" | "labels">;
  issue: number;
  now: Date;
}): Promise<string> {
  const { octokit, repo, config } = params;
  const snapshot = await readEpicSnapshot({ octokit, repo, epic: params.issue, config });
  if (snapshot && snapshot.epic.document.phases.length > 0) {
    const plan = planMonitor({ snapshot, config, now: params.now });
    const lines = [`**${snapshot.epic.title}** on \`${snapshot.epic.branch}\``, ""];
    for (const phase of snapshot.epic.document.phases) {
      const done = phase.children.filter((child) => snapshot.children.get(child.number)?.state === "closed").length;
      lines.push(`- Phase ${phase.number}: ${phase.name} (${phase.kind}) — ${done}/${phase.children.length} done`);
      for (const child of phase.children) {
        const state = snapshot.children.get(child.number);
        const pull = state ? currentPull(state.pulls) : undefined;
        const waiting = plan.waiting.find((w) => w.child === child.number);
        const where = state?.state === "closed" ? "done" : pull ? `#${pull.number} ${pull.state.toLowerCase()}${waiting ? `: ${waiting.reason}` : ""}` : state?.labels.some((l) => l.toLowerCase() === config.labels.dispatched.toLowerCase()) ? "dispatched, no pull request yet" : "not dispatched";
        lines.push(`  - #${child.number}: ${where}`);
      }
    }
    return lines.join("\n");
  }
  const open = await listIssues({ octokit, repo, state: "open" });
  const epics = open.filter((issue) => isEpicIssue({ ...issue, epicLabel: config.labels.epic }));
  if (epics.length === 0) return "No open epic in this repository.";
  return ["Open epics:", ...epics.map((epic) => `- #${epic.number} ${epic.title}`), "", "Run `/factory status` on an epic for its phases and pull requests."].join("\n");
}
