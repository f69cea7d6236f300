import type { Store } from "../store.js";
import type { Issue, Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderUser } from "./render-user.js";
import { renderLabel } from "./render-label.js";
import { renderReactionRollup } from "./render-reaction-rollup.js";
import { authorAssociation } from "./author-association.js";
import { iso } from "./iso.js";

/** Renders an issue (or the issue half of a PR) as GitHub's `issue` object. */
export function renderIssue(params: { store: Store; repo: Repo; issue: Issue }): Record<string, unknown> {
  const { store, repo, issue } = params;
  const fullName = `${repo.owner.login}/${repo.name}`;
  const repoApi = `${GITHUB_URLS.api}/repos/${fullName}`;
  const url = `${repoApi}/issues/${issue.number}`;
  const html = `${GITHUB_URLS.html}/${fullName}/${issue.isPullRequest ? "pull" : "issues"}/${issue.number}`;
  const children = issue.subIssueIds.map((id) => store.issuesById.get(id)).filter((i) => i !== undefined);
  const completed = children.filter((c) => c.state === "closed").length;
  const blockedBy = store.ops.dependencies.blockedByOf(issue);
  const blocking = store.ops.dependencies.blockingOf(issue);
  const open = (issues: Issue[]): number => issues.filter((i) => i.state === "open").length;
  const pull = issue.isPullRequest ? repo.pulls.get(issue.number) : undefined;
  const parent = issue.parentId === null ? undefined : store.issuesById.get(issue.parentId);
  const parentRepo = parent ? store.repoById(parent.repoId) : undefined;
  const rendered: Record<string, unknown> = {
    url,
    repository_url: repoApi,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: issue.id,
    node_id: issue.nodeId,
    number: issue.number,
    title: issue.title,
    user: renderUser(issue.author),
    labels: issue.labels.map((label) => renderLabel({ repo, label })),
    state: issue.state,
    locked: issue.locked,
    assignee: issue.assignees[0] ? renderUser(issue.assignees[0]) : null,
    assignees: issue.assignees.map(renderUser),
    milestone: null,
    comments: store.commentsOf(repo, issue.number).length,
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.updatedAt),
    closed_at: iso(issue.closedAt),
    author_association: authorAssociation({ store, repo, account: issue.author }),
    active_lock_reason: issue.activeLockReason,
    sub_issues_summary: {
      total: children.length,
      completed,
      percent_completed: children.length === 0 ? 0 : Math.floor((completed * 100) / children.length),
    },
    // `blocked_by` / `blocking` count the open issues only; the totals count closed ones too.
    issue_dependencies_summary: {
      blocked_by: open(blockedBy),
      total_blocked_by: blockedBy.length,
      blocking: open(blocking),
      total_blocking: blocking.length,
    },
    body: issue.body,
    closed_by: issue.closedBy ? renderUser(issue.closedBy) : null,
    reactions: renderReactionRollup({ url, reactions: issue.reactions }),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
  };
  if (parent && parentRepo) {
    rendered.parent_issue_url = `${GITHUB_URLS.api}/repos/${parentRepo.owner.login}/${parentRepo.name}/issues/${parent.number}`;
  }
  if (pull) {
    rendered.draft = pull.draft;
    rendered.pull_request = {
      url: `${repoApi}/pulls/${issue.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: iso(pull.mergedAt),
    };
  }
  return rendered;
}
