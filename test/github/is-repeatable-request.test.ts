import { describe, expect, it } from "vitest";
import { isRepeatableRequest } from "../../src/github/is-repeatable-request.js";

const graphql = (query: string) => ({ method: "POST", url: "/graphql", query });

describe("isRepeatableRequest", () => {
  it.each([
    ["a read", true, { method: "GET", url: "/repos/{owner}/{repo}/issues" }],
    ["an edit", true, { method: "PATCH", url: "/repos/{owner}/{repo}/issues/{issue_number}" }],
    ["a contents write", true, { method: "PUT", url: "/repos/{owner}/{repo}/contents/{path}" }],
    ["a branch deletion", true, { method: "DELETE", url: "/repos/{owner}/{repo}/git/refs/{ref}" }],
    ["adding labels", true, { method: "POST", url: "/repos/{owner}/{repo}/issues/{issue_number}/labels" }],
    ["adding labels, by absolute URL under GHES", true, { method: "POST", url: "https://ghe.example/api/v3/repos/acme/api/issues/7/labels" }],
    ["a reaction", true, { method: "POST", url: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions" }],
    ["creating a label", true, { method: "POST", url: "/repos/{owner}/{repo}/labels" }],
    ["an installation token", true, { method: "POST", url: "/app/installations/{installation_id}/access_tokens" }],
    ["a comment", false, { method: "POST", url: "/repos/{owner}/{repo}/issues/{issue_number}/comments" }],
    ["an issue", false, { method: "POST", url: "/repos/{owner}/{repo}/issues" }],
    ["an issue, by absolute URL", false, { method: "POST", url: "https://api.github.com/repos/acme/api/issues" }],
    ["a check run", false, { method: "POST", url: "/repos/{owner}/{repo}/check-runs" }],
    ["a branch", false, { method: "POST", url: "/repos/{owner}/{repo}/git/refs" }],
    ["a pull request", false, { method: "POST", url: "/repos/{owner}/{repo}/pulls" }],
    ["a sub-issue link", false, { method: "POST", url: "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues" }],
    ["a GraphQL query", true, graphql("query Epic($n: Int!) { repository(owner: \"a\", name: \"b\") { issue(number: $n) { id } } }")],
    ["a shorthand GraphQL query", true, graphql("{ viewer { login } }")],
    ["resolving a thread", true, graphql("mutation FactoryResolve($thread: ID!) { resolveReviewThread(input: { threadId: $thread }) { thread { id } } }")],
    ["assigning actors, aliased", true, graphql("mutation { a: replaceActorsForAssignable(input: { assignableId: \"x\", actorIds: [] }) { clientMutationId } }")],
    ["addComment", false, graphql("mutation { addComment(input: { subjectId: \"x\", body: \"{ resolveReviewThread }\" }) { clientMutationId } }")],
    ["createIssue after a repeatable field", false, graphql("mutation { resolveReviewThread(input: { threadId: \"t\" }) { clientMutationId } createIssue(input: { repositoryId: \"r\", title: \"x\" }) { clientMutationId } }")],
    ["enabling auto-merge", false, graphql("mutation { enablePullRequestAutoMerge(input: { pullRequestId: \"p\" }) { clientMutationId } }")],
  ] as const)("%s: repeatable %s", (_what, expected, request) => {
    expect(isRepeatableRequest(request)).toBe(expected);
  });
});
