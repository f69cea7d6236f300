import { describe, expect, it } from "vitest";
import { seedWorld } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;

/** Every event and action the sandbox promises, each of which must pass GitHub's webhook schema. */
const PROMISED = [
  "installation.created",
  ...["opened", "edited", "closed", "reopened", "labeled", "unlabeled", "assigned", "unassigned", "deleted"].map((a) => `issues.${a}`),
  ...["created", "edited", "deleted"].map((a) => `issue_comment.${a}`),
  ...["created", "edited", "deleted"].map((a) => `label.${a}`),
  ...["opened", "edited", "closed", "reopened", "synchronize", "labeled", "unlabeled", "ready_for_review", "auto_merge_enabled"].map(
    (a) => `pull_request.${a}`,
  ),
  "pull_request_review.submitted",
  "pull_request_review_thread.resolved",
  "pull_request_review_thread.unresolved",
  "check_suite.completed",
  "check_run.created",
  "check_run.completed",
  "push",
  ...["sub_issue_added", "sub_issue_removed", "parent_issue_added", "parent_issue_removed"].map((a) => `sub_issues.${a}`),
];

describe("a whole story's webhooks", () => {
  it("emits every promised event, each valid against GitHub's webhook schemas", async () => {
    const world = seedWorld();
    const { sandbox, octokit } = world;
    sandbox.webhooks.toProbot({ receive: async () => undefined });
    const mona = sandbox.as("mona");
    const dev = sandbox.as("dev");
    const store = sandbox.store;
    const repo = store.requireRepo("acme", "api");
    const actor = (login: string) => store.requireAccount(login);

    // Installing again while a target listens delivers installation.created.
    sandbox.createOrg("beta", { members: [{ login: "mona", role: "admin" }] });
    sandbox.installApp({ appId: world.app.id, account: "beta" });

    const epic = mona.createIssue({ ...at, title: "epic(security): audit", labels: ["epic"], assignees: ["dev"] });
    const child = mona.createIssue({ ...at, title: "security(api): rate limit" });
    mona.editIssue({ ...at, issue: child.number, body: "Parent: #1", assignees: [] });
    mona.editIssue({ ...at, issue: epic.number, assignees: [] });
    await octokit.rest.issues.addSubIssue({ ...at, issue_number: epic.number, sub_issue_id: child.id });
    await octokit.rest.issues.removeSubIssue({ ...at, issue_number: epic.number, sub_issue_id: child.id });
    mona.closeIssue({ ...at, issue: child.number });
    mona.reopenIssue({ ...at, issue: child.number });
    mona.removeLabel({ ...at, issue: epic.number, label: "epic" });
    const comment = mona.comment({ ...at, issue: epic.number, body: "/factory epic" });
    mona.editComment({ ...at, commentId: comment.id, body: "/factory epic --dry-run" });
    mona.deleteComment({ ...at, commentId: comment.id });
    await octokit.rest.issues.createLabel({ ...at, name: "jules", color: "7057ff" });
    await octokit.rest.issues.updateLabel({ ...at, name: "jules", description: "Dispatch to Jules" });

    const pull = dev.openPullRequest({ ...at, head: "jules/fix-1", title: "Fix rate limit", body: `Fixes #${child.number}`, draft: true });
    dev.markReadyForReview({ ...at, pull: pull.number });
    await octokit.rest.pulls.update({ ...at, pull_number: pull.number, body: "Rate limit the webhook endpoint." });
    await octokit.rest.issues.addLabels({ ...at, issue_number: pull.number, labels: ["jules"] });
    await octokit.rest.issues.removeLabel({ ...at, issue_number: pull.number, name: "jules" });
    await octokit.rest.issues.deleteLabel({ ...at, name: "jules" });
    mona.review({ ...at, pull: pull.number, event: "REQUEST_CHANGES", body: "Please fix", threads: [{ path: "changes/jules/fix-1.md", line: 1, body: "typo" }] });
    dev.pushCommit({ ...at, branch: "jules/fix-1", files: { "changes/jules/fix-1.md": "fixed\n" }, message: "Fix typo" });
    const threadId = repo.pulls.get(pull.number)?.threads[0]?.id as number;
    store.resolveReviewThread({ actor: actor("factory[bot]"), threadId });
    store.unresolveReviewThread({ actor: actor("mona"), threadId });
    store.resolveReviewThread({ actor: actor("mona"), threadId });
    mona.review({ ...at, pull: pull.number, event: "APPROVE" });
    sandbox.ci.start({ ...at, sha: "jules/fix-1", name: "test" });
    store.enablePullRequestAutoMerge({ actor: actor("factory[bot]"), repo, number: pull.number, mergeMethod: "squash" });
    sandbox.ci.complete({ ...at, sha: "jules/fix-1", name: "test", conclusion: "success" });
    expect(repo.pulls.get(pull.number)?.merged).toBe(true);

    const other = dev.openPullRequest({ ...at, head: "jules/fix-2", title: "Second" });
    mona.closeIssue({ ...at, issue: other.number });
    mona.reopenIssue({ ...at, issue: other.number });
    store.ops.issues.delete({ actor: actor("mona"), repo, number: child.number });
    await sandbox.webhooks.flush();

    const emitted = new Set(sandbox.webhooks.log.map((d) => (d.action ? `${d.name}.${d.action}` : d.name)));
    expect(PROMISED.filter((kind) => !emitted.has(kind))).toEqual([]);
    expect(sandbox.violations).toEqual([]);
  });
});
