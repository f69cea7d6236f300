import { restAuthor, type Author } from "../model/authorship.js";
import type { Octokit, RepoRef } from "./octokit.js";

/** The structural view of an issue the flows read. */
export interface IssueView {
  /** GitHub's numeric id (sub-issues and dependencies are linked by id, not number). */
  id: number;
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  createdAt: string;
  /** Who opened it: Factory's markers in the body count only when Factory did. */
  author: Author | null;
}

/**
 * Lists a repository's issues (pull requests left out), 100 a page:
 * `state` open, closed or all, and only those updated at or after `since`
 * when given — an issue created after a moment was updated after it too,
 * which is how the audit flow bounds its scan for markers.
 * https://docs.github.com/en/rest/issues/issues#list-repository-issues
 */
export async function listIssues(params: {
  octokit: Octokit;
  repo: RepoRef;
  state: "open" | "closed" | "all";
  since?: string;
}): Promise<IssueView[]> {
  const issues: IssueView[] = [];
  const pages = params.octokit.paginate.iterator(params.octokit.rest.issues.listForRepo, {
    ...params.repo,
    state: params.state,
    per_page: 100,
    sort: "created",
    direction: "asc",
    ...(params.since ? { since: params.since } : {}),
  });
  for await (const page of pages) {
    for (const issue of page.data) {
      if (issue.pull_request) continue;
      issues.push(toIssueView(issue));
    }
  }
  return issues;
}

/** Narrows GitHub's REST issue to the fields flows use. */
export function toIssueView(issue: {
  id: number;
  number: number;
  title: string;
  body?: string | null;
  state: string;
  labels: Array<string | { name?: string }>;
  created_at: string;
  user?: { login: string; type?: string } | null;
  performed_via_github_app?: { id: number } | null;
}): IssueView {
  return {
    id: issue.id,
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    state: issue.state === "closed" ? "closed" : "open",
    labels: issue.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))).filter(Boolean),
    createdAt: issue.created_at,
    author: restAuthor(issue),
  };
}

/** The names of a repository's labels, lower-cased. */
export async function listLabelNames(params: { octokit: Octokit; repo: RepoRef }): Promise<Set<string>> {
  const labels = await params.octokit.paginate(params.octokit.rest.issues.listLabelsForRepo, { ...params.repo, per_page: 100 });
  return new Set(labels.map((label) => label.name.toLowerCase()));
}
