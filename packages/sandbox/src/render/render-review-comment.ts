import type { Store } from "../store.js";
import type { PullRequest, Repo, ReviewComment } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderUser } from "./render-user.js";
import { renderReactionRollup } from "./render-reaction-rollup.js";
import { authorAssociation } from "./author-association.js";
import { iso } from "./iso.js";

/** Renders a review comment as GitHub's `pull-request-review-comment`. */
export function renderReviewComment(params: {
  store: Store;
  repo: Repo;
  pull: PullRequest;
  comment: ReviewComment;
}): Record<string, unknown> {
  const { store, repo, pull, comment } = params;
  const fullName = `${repo.owner.login}/${repo.name}`;
  const url = `${GITHUB_URLS.api}/repos/${fullName}/pulls/comments/${comment.id}`;
  const html = `${GITHUB_URLS.html}/${fullName}/pull/${pull.number}#discussion_r${comment.id}`;
  const pullUrl = `${GITHUB_URLS.api}/repos/${fullName}/pulls/${pull.number}`;
  return {
    url,
    pull_request_review_id: comment.reviewId,
    id: comment.id,
    node_id: comment.nodeId,
    diff_hunk: "@@ -1 +1 @@",
    path: comment.path,
    position: comment.line,
    // The webhook description requires an integer here even for a comment on a whole file.
    original_position: comment.line ?? 1,
    commit_id: comment.commitId,
    original_commit_id: comment.commitId,
    user: renderUser(comment.author),
    body: comment.body,
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation({ store, repo, account: comment.author }),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    start_line: null,
    original_start_line: null,
    start_side: null,
    line: comment.line,
    original_line: comment.line,
    side: "RIGHT",
    subject_type: "line",
    reactions: renderReactionRollup({ url, reactions: [] }),
  };
}
