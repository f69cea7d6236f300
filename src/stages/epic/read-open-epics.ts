import type { PermissionCheck } from "../../github/authors-with-permission.js";
import { factoryEpicsAmong } from "./epic-trust.js";
import type { IssueView } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { EpicDocument } from "../../model/epic-document.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";

/** An open epic whose children count as taken: Factory's own, or one made by hand by someone who may run Factory. */
export interface OpenEpic {
  issue: IssueView;
  document: EpicDocument;
  /** Factory runs it. */
  factory: boolean;
}

/**
 * The open epics whose children stay out of new epics, read from the open
 * issues. A person's epic made by hand keeps its children out of Factory's
 * epics only when its author may run Factory: a stranger's look-alike listing
 * real issues must not keep them from ever being grouped.
 */
export async function readOpenEpics(params: {
  octokit: Octokit;
  repo: RepoRef;
  identity: FactoryIdentity;
  labels: { epic: string; adopted: string };
  open: readonly IssueView[];
  isEpic: (issue: IssueView) => boolean;
  vouched: PermissionCheck;
}): Promise<OpenEpic[]> {
  const { octokit, repo } = params;
  const ours = new Set((await factoryEpicsAmong({ octokit, repo, identity: params.identity, labels: params.labels, issues: params.open })).map((issue) => issue.number));
  const epics: OpenEpic[] = [];
  for (const issue of params.open.filter(params.isEpic)) {
    const factory = ours.has(issue.number);
    if (factory || (issue.author !== null && !issue.author.bot && (await params.vouched(issue.author.login)))) epics.push({ issue, document: parseEpicBody(issue.body), factory });
  }
  return epics;
}
