import type { Store } from "./store.js";
import type { Account, ReactionContent, Repo, StateReason } from "./store-types.js";
import type { ReviewEvent } from "./mutations/review-mutations.js";
import { SandboxError } from "./sandbox-error.js";
import { renderIssue } from "./render/render-issue.js";
import { renderComment } from "./render/render-comment.js";
import { renderLabel } from "./render/render-label.js";
import { renderReaction } from "./render/render-reaction.js";
import { renderPull } from "./render/render-pull.js";
import { renderReview } from "./render/render-review.js";

/** Where an actor acts: `owner/repo`. */
interface At {
  owner: string;
  repo: string;
}

/**
 * A person (or bot) acting on the sandbox directly — a maintainer, a
 * reviewer, a coding agent. Every write goes through the same store methods
 * as REST, so the webhooks fire with `sender` = this account. Methods return
 * the REST representation of what they created.
 */
export class SandboxActor {
  readonly account: Account;

  constructor(
    private readonly store: Store,
    login: string,
  ) {
    this.account = store.requireAccount(login);
  }

  private repo(at: At): Repo {
    return this.store.requireRepo(at.owner, at.repo);
  }

  /**
   * Whether this account may label and assign in `repo`: triage access or
   * more, or an app's bot (apps act with their installation's permissions).
   */
  private canTriage(repo: Repo): boolean {
    return this.account.type === "Bot" || ["admin", "maintain", "write", "triage"].includes(this.store.permission(repo, this.account.login));
  }

  /**
   * Opens an issue. As on GitHub, labels and assignees from someone without
   * triage access are silently dropped
   * (https://docs.github.com/en/rest/issues/issues#create-an-issue).
   */
  createIssue(p: At & { title: string; body?: string; labels?: string[]; assignees?: string[] }): Record<string, unknown> & { number: number; id: number } {
    const repo = this.repo(p);
    const triage = this.canTriage(repo);
    const issue = this.store.ops.issues.create({ actor: this.account, repo, title: p.title, body: p.body ?? null, labels: triage ? p.labels : [], assignees: triage ? p.assignees : [] });
    return renderIssue({ store: this.store, repo, issue }) as Record<string, unknown> & { number: number; id: number };
  }

  /** Edits an issue's title, body, labels or assignees. */
  editIssue(p: At & { issue: number; title?: string; body?: string; labels?: string[]; assignees?: string[] }): Record<string, unknown> {
    const repo = this.repo(p);
    const issue = this.store.ops.issues.update({ actor: this.account, repo, number: p.issue, title: p.title, body: p.body, labels: p.labels, assignees: p.assignees });
    return renderIssue({ store: this.store, repo, issue });
  }

  /** Closes an issue (or PR) as completed, not planned or duplicate. */
  closeIssue(p: At & { issue: number; reason?: Exclude<StateReason, "reopened"> }): Record<string, unknown> {
    const repo = this.repo(p);
    const issue = this.store.ops.issues.update({ actor: this.account, repo, number: p.issue, state: "closed", stateReason: p.reason ?? "completed" });
    return renderIssue({ store: this.store, repo, issue });
  }

  /** Reopens an issue (or PR). */
  reopenIssue(p: At & { issue: number }): Record<string, unknown> {
    const repo = this.repo(p);
    const issue = this.store.ops.issues.update({ actor: this.account, repo, number: p.issue, state: "open" });
    return renderIssue({ store: this.store, repo, issue });
  }

  /** Comments on an issue or PR. */
  comment(p: At & { issue: number; body: string }): Record<string, unknown> & { id: number; body: string } {
    const repo = this.repo(p);
    const comment = this.store.ops.comments.create({ actor: this.account, repo, number: p.issue, body: p.body });
    return renderComment({ store: this.store, repo, comment }) as Record<string, unknown> & { id: number; body: string };
  }

  /** Edits a comment. */
  editComment(p: At & { commentId: number; body: string }): Record<string, unknown> {
    const repo = this.repo(p);
    const comment = this.store.ops.comments.update({ actor: this.account, repo, commentId: p.commentId, body: p.body });
    return renderComment({ store: this.store, repo, comment });
  }

  /** Deletes a comment. */
  deleteComment(p: At & { commentId: number }): void {
    this.store.ops.comments.delete({ actor: this.account, repo: this.repo(p), commentId: p.commentId });
  }

  /** Adds labels to an issue or PR (missing ones are created, as on GitHub). */
  addLabels(p: At & { issue: number; labels: string[] }): Record<string, unknown>[] {
    const repo = this.repo(p);
    if (!this.canTriage(repo)) throw new SandboxError({ status: 403, message: "Must have triage access to add labels" });
    return this.store.ops.labels.addToIssue({ actor: this.account, repo, number: p.issue, names: p.labels }).map((label) => renderLabel({ repo, label }));
  }

  /** Removes a label from an issue or PR. */
  removeLabel(p: At & { issue: number; label: string }): void {
    this.store.ops.labels.removeFromIssue({ actor: this.account, repo: this.repo(p), number: p.issue, name: p.label });
  }

  /** Creates a repository label. */
  createLabel(p: At & { name: string; color?: string; description?: string }): Record<string, unknown> {
    const repo = this.repo(p);
    const label = this.store.ops.labels.create({ actor: this.account, repo, name: p.name, color: p.color, description: p.description });
    return renderLabel({ repo, label });
  }

  /** Reacts to an issue/PR (`issue`) or an issue comment (`commentId`). */
  react(p: At & ({ issue: number } | { commentId: number }) & { content: ReactionContent }): Record<string, unknown> {
    const target = "issue" in p ? { kind: "issue" as const, number: p.issue } : { kind: "comment" as const, commentId: p.commentId };
    return renderReaction(this.store.ops.reactions.add({ actor: this.account, repo: this.repo(p), target, content: p.content }).reaction);
  }

  /** Makes issue number `child` a sub-issue of issue number `parent`. */
  addSubIssue(p: At & { parent: number; child: number }): void {
    const repo = this.repo(p);
    const child = this.store.requireIssue(repo, p.child);
    this.store.addSubIssue({ actor: this.account, repo, parentNumber: p.parent, childId: child.id });
  }

  /** Marks issue number `issue` as blocked by issue number `blockedBy` (both in this repository), as the sidebar's "Mark as blocked by" does. */
  addBlockedBy(p: At & { issue: number; blockedBy: number }): void {
    const repo = this.repo(p);
    const blocking = this.store.requireIssue(repo, p.blockedBy);
    this.store.ops.dependencies.add({ actor: this.account, repo, number: p.issue, blockingId: blocking.id });
  }

  /** Removes the "blocked by" link between issue numbers `issue` and `blockedBy`. */
  removeBlockedBy(p: At & { issue: number; blockedBy: number }): void {
    const repo = this.repo(p);
    const blocking = this.store.requireIssue(repo, p.blockedBy);
    this.store.ops.dependencies.remove({ actor: this.account, repo, number: p.issue, blockingId: blocking.id });
  }

  /** Commits `files` (path → contents, null deletes) on `branch` and pushes; the branch is created from the default one if missing. */
  pushCommit(p: At & { branch: string; files: Record<string, string | null>; message?: string; from?: string }): { sha: string } {
    const commit = this.store.ops.git.pushCommit({
      actor: this.account,
      repo: this.repo(p),
      branch: p.branch,
      files: p.files,
      message: p.message ?? `Update ${Object.keys(p.files).join(", ")}`,
      from: p.from,
    });
    return { sha: commit.sha };
  }

  /** Opens a PR; the head branch is created with a commit (of `files`, or a placeholder) when it does not exist. */
  openPullRequest(
    p: At & { head: string; base?: string; title: string; body?: string; draft?: boolean; files?: Record<string, string> },
  ): Record<string, unknown> & { number: number } {
    const repo = this.repo(p);
    const base = p.base ?? repo.defaultBranch;
    if (!repo.refs.has(`refs/heads/${p.head}`) || p.files) {
      this.pushCommit({ ...p, branch: p.head, from: base, files: p.files ?? { [`changes/${p.head}.md`]: `${p.title}\n` }, message: p.title });
    }
    const pull = this.store.ops.pulls.create({ actor: this.account, repo, head: p.head, base, title: p.title, body: p.body ?? null, draft: p.draft });
    return renderPull({ store: this.store, repo, pull }) as Record<string, unknown> & { number: number };
  }

  /** Submits a review; each thread opens a review thread at the PR's head commit. */
  review(p: At & { pull: number; event: ReviewEvent; body?: string; threads?: { path: string; line?: number; body: string }[] }): Record<string, unknown> & { id: number } {
    const repo = this.repo(p);
    const review = this.store.ops.reviews.create({ actor: this.account, repo, number: p.pull, event: p.event, body: p.body, comments: p.threads });
    const pull = this.store.requirePull(repo, p.pull);
    return renderReview({ store: this.store, repo, pull, review }) as Record<string, unknown> & { id: number };
  }

  /** Resolves a review thread, by id or by its position on the PR (0 = first). */
  resolveThread(p: { threadId: number } | (At & { pull: number; index?: number })): void {
    const threadId = "threadId" in p ? p.threadId : this.store.requirePull(this.repo(p), p.pull).threads[p.index ?? 0]?.id;
    if (threadId === undefined) throw new SandboxError({ status: 404, message: "Not Found" });
    this.store.resolveReviewThread({ actor: this.account, threadId });
  }

  /** Merges a PR. */
  mergePullRequest(p: At & { pull: number; method?: "merge" | "squash" | "rebase" }): { sha: string } {
    const result = this.store.ops.merges.merge({ actor: this.account, repo: this.repo(p), number: p.pull, mergeMethod: p.method });
    return { sha: result.sha };
  }

  /** Marks a draft PR ready for review. */
  markReadyForReview(p: At & { pull: number }): void {
    this.store.ops.pulls.setDraft({ actor: this.account, repo: this.repo(p), number: p.pull, draft: false });
  }
}
