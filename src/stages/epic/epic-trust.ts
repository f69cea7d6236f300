import { findFactoryMarker, restAuthor, type Author, type FactoryIdentity } from "../../model/authorship.js";
import { isEpicIssue, isFactoryEpic } from "./is-epic-issue.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";

/** An issue as far as trust needs it. */
export interface EpicCandidateIssue {
  number: number;
  body: string | null | undefined;
  author: Author | null | undefined;
  labels: readonly string[];
}

/**
 * Whether Factory runs this epic (SPEC §5): it made the issue, or a
 * permitted user adopted it with `/factory adopt` — which Factory records in
 * a comment of its own carrying `factory:adopted epic=#N`, and marks with
 * the adopted label so that only those issues cost a read of their comments.
 * The label alone proves nothing (anyone with triage can add it).
 */
export async function isRunByFactory(params: {
  octokit: Octokit;
  repo: RepoRef;
  identity: FactoryIdentity;
  adoptedLabel: string;
  issue: EpicCandidateIssue;
}): Promise<boolean> {
  const { issue } = params;
  if (isFactoryEpic(issue, params.identity)) return true;
  if (!hasLabel(issue, params.adoptedLabel)) return false;
  return hasAdoptionRecord(params);
}

/** Whether Factory's own adoption comment is on the issue. */
export async function hasAdoptionRecord(params: { octokit: Octokit; repo: RepoRef; identity: FactoryIdentity; issue: Pick<EpicCandidateIssue, "number"> }): Promise<boolean> {
  const pages = params.octokit.paginate.iterator(params.octokit.rest.issues.listComments, { ...params.repo, issue_number: params.issue.number, per_page: 100 });
  for await (const page of pages) {
    for (const comment of page.data) {
      if (findFactoryMarker({ body: comment.body, author: restAuthor(comment) }, params.identity, "adopted", { epic: `#${params.issue.number}` })) return true;
    }
  }
  return false;
}

/**
 * The epics Factory runs among `issues` (usually the open ones, already
 * read): issues that look like epics, then only those Factory made or a
 * permitted user adopted. Costs a read only for issues carrying the adopted
 * label.
 */
export async function factoryEpicsAmong<T extends EpicCandidateIssue>(params: {
  octokit: Octokit;
  repo: RepoRef;
  identity: FactoryIdentity;
  labels: { epic: string; adopted: string };
  issues: readonly T[];
}): Promise<T[]> {
  const epics: T[] = [];
  for (const issue of params.issues) {
    if (!isEpicIssue({ body: issue.body, labels: issue.labels, epicLabel: params.labels.epic }) && !hasLabel(issue, params.labels.adopted)) continue;
    if (await isRunByFactory({ ...params, adoptedLabel: params.labels.adopted, issue })) epics.push(issue);
  }
  return epics;
}

function hasLabel(issue: EpicCandidateIssue, label: string): boolean {
  return issue.labels.some((name) => name.toLowerCase() === label.toLowerCase());
}
