import type { Store } from "../store.js";
import type { IssueComment, Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderUser } from "./render-user.js";
import { renderReactionRollup } from "./render-reaction-rollup.js";
import { authorAssociation } from "./author-association.js";
import { iso } from "./iso.js";

/** Renders an issue comment as GitHub's `issue-comment` object. */
export function renderComment(params: { store: Store; repo: Repo; comment: IssueComment }): Record<string, unknown> {
  const { store, repo, comment } = params;
  const fullName = `${repo.owner.login}/${repo.name}`;
  const repoApi = `${GITHUB_URLS.api}/repos/${fullName}`;
  const url = `${repoApi}/issues/comments/${comment.id}`;
  const isPull = repo.pulls.has(comment.issueNumber);
  return {
    url,
    html_url: `${GITHUB_URLS.html}/${fullName}/${isPull ? "pull" : "issues"}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoApi}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: comment.nodeId,
    user: renderUser(comment.author),
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    author_association: authorAssociation({ store, repo, account: comment.author }),
    body: comment.body,
    reactions: renderReactionRollup({ url, reactions: comment.reactions }),
    performed_via_github_app: null,
  };
}
