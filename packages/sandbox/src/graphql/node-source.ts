import type { Store } from "../store.js";
import type { PullRequest, Repo } from "../store-types.js";
import { GithubGraphqlError } from "./github-graphql-error.js";
import { accountSource, issueOrPullSource, pullRequestSource } from "./sources.js";
import type { PullRequestSource } from "./sources.js";

/**
 * The source object behind a global node id (`node(id:)`, `nodes(ids:)`,
 * mutation inputs), typed as GitHub would type it. An id the store does not
 * know is GitHub's NOT_FOUND; a kind of record the sandbox cannot yet serve
 * through GraphQL fails loudly.
 */
export function nodeSource(store: Store, id: string): unknown {
  const node = store.nodes.get(id);
  if (node === undefined) {
    throw new GithubGraphqlError({
      type: "NOT_FOUND",
      message: `Could not resolve to a node with the global id of '${id}'`,
    });
  }
  switch (node.kind) {
    case "Account":
      return accountSource(node.value);
    case "Repository":
      return { __typename: "Repository", repo: node.value };
    case "Issue":
      return issueOrPullSource(store, node.value);
    case "PullRequest":
      return pullRequestSource(store, node.value);
    case "IssueComment":
      return { __typename: "IssueComment", repo: store.repoById(node.value.repoId), comment: node.value };
    case "Label": {
      const label = node.value;
      const repo = findRepo(store, (candidate) => [...candidate.labels.values()].includes(label));
      return { __typename: "Label", repo, label };
    }
    case "Reaction":
      return { __typename: "Reaction", reaction: node.value };
    case "CheckRun":
      return { __typename: "CheckRun", repo: store.repoById(node.value.repoId), run: node.value };
    case "StatusContext":
      return { __typename: "StatusContext", repo: store.repoById(node.value.repoId), status: node.value };
    case "ReviewThread": {
      const thread = node.value;
      return { __typename: "PullRequestReviewThread", pullRequest: findPull(store, (pull) => pull.threads.includes(thread)), thread };
    }
    case "Review": {
      const review = node.value;
      return { __typename: "PullRequestReview", pullRequest: findPull(store, (pull) => pull.reviews.includes(review)), review };
    }
    case "ReviewComment": {
      const comment = node.value;
      return {
        __typename: "PullRequestReviewComment",
        pullRequest: findPull(store, (pull) => pull.threads.some((thread) => thread.comments.includes(comment))),
        comment,
      };
    }
    default:
      throw new Error(`sandbox: node(id:) for a ${node.kind} is not implemented`);
  }
}

function findRepo(store: Store, test: (repo: Repo) => boolean): Repo {
  for (const repo of store.reposById.values()) {
    if (test(repo)) {
      return repo;
    }
  }
  throw new Error("sandbox store holds a node that belongs to no repository");
}

function findPull(store: Store, test: (pull: PullRequest) => boolean): PullRequestSource {
  for (const repo of store.reposById.values()) {
    for (const pull of repo.pulls.values()) {
      if (test(pull)) {
        return pullRequestSource(store, pull);
      }
    }
  }
  throw new Error("sandbox store holds a review node that belongs to no pull request");
}
