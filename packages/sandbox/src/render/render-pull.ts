import type { Store } from "../store.js";
import type { PullRef, PullRequest, Repo } from "../store-types.js";
import { compareCommits } from "../git/compare-commits.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderUser } from "./render-user.js";
import { renderLabel } from "./render-label.js";
import { renderRepo } from "./render-repo.js";
import { authorAssociation } from "./author-association.js";
import { iso } from "./iso.js";

function renderRef(store: Store, ref: PullRef): Record<string, unknown> {
  const repo = store.repoById(ref.repoId);
  return {
    label: `${repo.owner.login}:${ref.ref}`,
    ref: ref.ref,
    sha: ref.sha,
    user: renderUser(repo.owner),
    repo: renderRepo(repo),
  };
}

/** Renders a pull request as GitHub's full `pull-request` object. */
export function renderPull(params: { store: Store; repo: Repo; pull: PullRequest }): Record<string, unknown> {
  const { store, repo, pull } = params;
  const issue = store.requireIssue(repo, pull.number);
  const fullName = `${repo.owner.login}/${repo.name}`;
  const repoApi = `${GITHUB_URLS.api}/repos/${fullName}`;
  const url = `${repoApi}/pulls/${pull.number}`;
  const html = `${GITHUB_URLS.html}/${fullName}/pull/${pull.number}`;
  const issueUrl = `${repoApi}/issues/${pull.number}`;
  const comparison = compareCommits({ store, base: pull.base.sha, head: pull.head.sha });
  const reviewComments = pull.threads.reduce((n, t) => n + t.comments.length, 0);
  return {
    url,
    id: pull.id,
    node_id: pull.nodeId,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    number: pull.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: renderUser(issue.author),
    body: issue.body,
    labels: issue.labels.map((label) => renderLabel({ repo, label })),
    milestone: null,
    active_lock_reason: issue.activeLockReason,
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.updatedAt),
    closed_at: iso(issue.closedAt),
    merged_at: iso(pull.mergedAt),
    merge_commit_sha: pull.mergeCommitSha,
    assignee: issue.assignees[0] ? renderUser(issue.assignees[0]) : null,
    assignees: issue.assignees.map(renderUser),
    requested_reviewers: pull.requestedReviewers.map(renderUser),
    requested_teams: [],
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoApi}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${repoApi}/statuses/${pull.head.sha}`,
    head: renderRef(store, pull.head),
    base: renderRef(store, pull.base),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoApi}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${repoApi}/statuses/${pull.head.sha}` },
    },
    author_association: authorAssociation({ store, repo, account: issue.author }),
    auto_merge: pull.autoMerge
      ? {
          enabled_by: renderUser(pull.autoMerge.enabledBy),
          merge_method: pull.autoMerge.mergeMethod,
          commit_title: pull.autoMerge.commitTitle ?? "",
          commit_message: pull.autoMerge.commitMessage ?? "",
        }
      : null,
    draft: pull.draft,
    merged: pull.merged,
    mergeable: pull.merged ? null : pull.mergeable,
    rebaseable: pull.merged ? null : pull.mergeable,
    mergeable_state: pull.mergeableState,
    merged_by: pull.mergedBy ? renderUser(pull.mergedBy) : null,
    comments: store.commentsOf(repo, pull.number).length,
    review_comments: reviewComments,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: comparison.aheadBy,
    additions: comparison.headChanges.size,
    deletions: 0,
    changed_files: comparison.headChanges.size,
  };
}
