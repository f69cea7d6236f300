import type { Config } from "../config/schema.js";
import { factoryEpicsAmong } from "../stages/epic/epic-trust.js";
import { listIssues, type IssueView } from "../github/list-issues.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { FactoryIdentity } from "../model/authorship.js";

/** The repository's open epics that Factory runs (made or adopted), as the flows find them. */
export async function listOpenEpics(params: { octokit: Octokit; repo: RepoRef; config: Pick<Config, "labels">; identity: FactoryIdentity }): Promise<IssueView[]> {
  const open = await listIssues({ octokit: params.octokit, repo: params.repo, state: "open" });
  return factoryEpicsAmong({ octokit: params.octokit, repo: params.repo, identity: params.identity, labels: params.config.labels, issues: open });
}
