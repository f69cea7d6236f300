import type { Config } from "../config/schema.js";
import { listIssues, type IssueView } from "../github/list-issues.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import { isEpicIssue } from "../model/epic/is-epic-issue.js";

/** The repository's open epics (by Factory's marker or the epic label), as the flows find them. */
export async function listOpenEpics(params: { octokit: Octokit; repo: RepoRef; config: Pick<Config, "labels"> }): Promise<IssueView[]> {
  const open = await listIssues({ octokit: params.octokit, repo: params.repo, state: "open" });
  return open.filter((issue) => isEpicIssue({ ...issue, epicLabel: params.config.labels.epic }));
}
