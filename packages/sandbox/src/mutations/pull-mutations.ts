import type { Store } from "../store.js";
import type { Account, PullRequest, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { compareCommits } from "../git/compare-commits.js";
import { pullRequestPayload, type PullRequestAction } from "../webhooks/pull-request-payload.js";
import { assertTitleLength } from "./assert-title-length.js";
import { computeMergeability } from "./compute-mergeability.js";
import { autoMergeRefusal, autoMergeUnauthorized, disallowedMethod } from "./auto-merge-rules.js";
import { branchRules } from "./branch-rules.js";
import { applyHeadPushRules } from "./head-push-rules.js";
import { mergeAsRequested, MergeabilityTracker } from "./mergeability-tracker.js";

function invalid(field: string, message?: string): SandboxError {
  return new SandboxError({
    status: 422,
    message: "Validation Failed",
    errors: [{ resource: "PullRequest", code: message ? "custom" : "invalid", field, ...(message ? { message } : {}) }],
  });
}

/** Opens and changes pull requests and keeps their git-derived state current. */
export class PullMutations {
  /** Production profile: mergeability computed in the background, and auto-merge under protection. */
  private readonly tracker: MergeabilityTracker;

  constructor(private readonly store: Store) {
    this.tracker = new MergeabilityTracker(store);
  }

  /**
   * Opens a PR from branch `head` (optionally `owner:branch`) into `base`;
   * 422 for a missing branch, no commits between them, or an open PR for
   * the same pair. Emits `pull_request.opened`.
   */
  create(params: {
    actor: Account;
    repo: Repo;
    head: string;
    base: string;
    title: string;
    body?: string | null;
    draft?: boolean;
    maintainerCanModify?: boolean;
  }): PullRequest {
    const { actor, repo, base } = params;
    const head = params.head.includes(":") ? params.head.slice(params.head.indexOf(":") + 1) : params.head;
    const headSha = repo.refs.get(`refs/heads/${head}`);
    const baseSha = repo.refs.get(`refs/heads/${base}`);
    if (!baseSha) throw invalid("base");
    if (!headSha) throw invalid("head");
    const duplicate = [...repo.pulls.values()].find(
      (p) => p.head.ref === head && p.base.ref === base && this.store.requireIssue(repo, p.number).state === "open",
    );
    if (duplicate) throw invalid("", `A pull request already exists for ${repo.owner.login}:${head}.`);
    if (compareCommits({ store: this.store, base: baseSha, head: headSha }).aheadBy === 0) {
      throw invalid("", `No commits between ${base} and ${head}`);
    }
    const issue = this.store.ops.issues.insert({ actor, repo, title: params.title, body: params.body, isPullRequest: true });
    const id = this.store.nextId();
    const pull: PullRequest = {
      id,
      nodeId: this.store.nodeId("PR", id),
      number: issue.number,
      repoId: repo.id,
      head: { ref: head, sha: headSha, repoId: repo.id },
      base: { ref: base, sha: baseSha, repoId: repo.id },
      draft: params.draft ?? false,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      mergeable: null,
      mergeableState: "unknown",
      autoMerge: null,
      requestedReviewers: [],
      reviews: [],
      threads: [],
      maintainerCanModify: params.maintainerCanModify ?? true,
    };
    repo.pulls.set(pull.number, pull);
    this.store.register({ kind: "PullRequest", value: pull });
    this.tracker.start(repo, pull);
    this.refresh(repo, pull);
    this.emit(repo, pull, "opened", actor);
    return pull;
  }

  /** `PATCH /pulls/{n}`: title/body/base (`edited`), state (`closed`/`reopened`). */
  update(params: {
    actor: Account;
    repo: Repo;
    number: number;
    title?: string;
    body?: string | null;
    state?: "open" | "closed";
    base?: string;
    maintainerCanModify?: boolean;
  }): PullRequest {
    const { actor, repo, number } = params;
    const pull = this.store.requirePull(repo, number);
    const issue = this.store.requireIssue(repo, number);
    // Validated before anything changes: GitHub refuses the whole edit.
    assertTitleLength({ title: params.title, resource: "PullRequest" });
    if (params.base !== undefined && params.base !== pull.base.ref) {
      const sha = repo.refs.get(`refs/heads/${params.base}`);
      if (!sha) throw invalid("base");
      const changes = { base: { ref: { from: pull.base.ref }, sha: { from: pull.base.sha } } };
      pull.base = { ref: params.base, sha, repoId: repo.id };
      this.tracker.start(repo, pull);
      this.refresh(repo, pull);
      this.emit(repo, pull, "edited", actor, { changes });
    }
    if (params.maintainerCanModify !== undefined) pull.maintainerCanModify = params.maintainerCanModify;
    if (params.title !== undefined || params.body !== undefined) {
      this.store.ops.issues.update({ actor, repo, number, title: params.title, body: params.body });
    }
    if (params.state !== undefined && params.state !== issue.state) {
      if (pull.merged) throw invalid("state", "Cannot reopen a merged pull request");
      this.store.ops.issues.setState({ actor, repo, issue, state: params.state });
      if (params.state === "open") {
        this.tracker.start(repo, pull);
        this.refresh(repo, pull);
      }
    }
    return pull;
  }

  /** Marks a draft ready (`ready_for_review`) or an open PR draft (`converted_to_draft`). */
  setDraft(params: { actor: Account; repo: Repo; number: number; draft: boolean }): PullRequest {
    const pull = this.store.requirePull(params.repo, params.number);
    if (pull.draft === params.draft) return pull;
    pull.draft = params.draft;
    this.refresh(params.repo, pull);
    this.emit(params.repo, pull, params.draft ? "converted_to_draft" : "ready_for_review", params.actor);
    return pull;
  }

  /** Requests reviews; emits `review_requested` per new reviewer. */
  requestReviewers(params: { actor: Account; repo: Repo; number: number; logins: string[] }): PullRequest {
    const pull = this.store.requirePull(params.repo, params.number);
    for (const login of params.logins) {
      const reviewer = this.store.account(login);
      if (!reviewer || this.store.permission(params.repo, login) === "none") {
        throw new SandboxError({ status: 422, message: "Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the repository." });
      }
      if (pull.requestedReviewers.includes(reviewer)) continue;
      pull.requestedReviewers.push(reviewer);
      this.emit(params.repo, pull, "review_requested", params.actor, { requestedReviewer: reviewer });
    }
    return pull;
  }

  /**
   * GraphQL `enablePullRequestAutoMerge`. Like GitHub, refuses a PR that
   * could merge right now ("clean status") or is closed, and a merge method
   * or auto-merge the repository does not allow; the production profile
   * adds GitHub's other refusals (see `autoMergeRefusal`). The merge happens
   * when the PR later becomes clean (production: mergeable under protection).
   */
  enableAutoMerge(params: {
    actor: Account;
    repo: Repo;
    number: number;
    mergeMethod?: "merge" | "squash" | "rebase";
    commitTitle?: string | null;
    commitMessage?: string | null;
  }): PullRequest {
    const { actor, repo } = params;
    const pull = this.store.requirePull(repo, params.number);
    if (this.store.requireIssue(repo, pull.number).state !== "open") {
      throw new SandboxError({ status: 422, message: "Pull request is closed" });
    }
    const mergeMethod = params.mergeMethod ?? "merge";
    if (branchRules(repo, pull.base.ref).mergeQueue) return this.autoMergeIntoQueue({ actor, repo, pull, mergeMethod });
    if (this.store.profile === "production") {
      const refusal = autoMergeRefusal({ store: this.store, repo, pull, actor, mergeMethod });
      if (refusal) throw refusal;
    } else {
      if (!repo.mergeSettings.allowAutoMerge) throw new SandboxError({ status: 422, message: "Auto merge is not allowed for this repository" });
      const method = disallowedMethod(repo, mergeMethod);
      if (method) throw new SandboxError({ status: 422, message: method.message });
      if (pull.mergeableState === "clean") throw new SandboxError({ status: 422, message: "Pull request is in clean status" });
    }
    pull.autoMerge = {
      enabledBy: actor,
      mergeMethod,
      commitTitle: params.commitTitle ?? null,
      commitMessage: params.commitMessage ?? null,
      enabledAt: this.store.now(),
    };
    this.emit(repo, pull, "auto_merge_enabled", actor);
    return pull;
  }

  /**
   * Auto-merge into a branch that requires a merge queue ("Merge when
   * ready"): the pull request joins the queue now when it meets the branch's
   * requirements, otherwise as soon as it does; the repository's
   * `allow_auto_merge` setting and the clean-status refusal do not apply
   * (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue#triggering-merge-group-checks-with-github-actions).
   */
  private autoMergeIntoQueue(params: { actor: Account; repo: Repo; pull: PullRequest; mergeMethod: "merge" | "squash" | "rebase" }): PullRequest {
    const { actor, repo, pull } = params;
    const unauthorized = autoMergeUnauthorized({ store: this.store, repo, actor });
    if (unauthorized) throw unauthorized;
    if (this.store.ops.mergeQueue.entryOf(repo, pull)) return pull;
    pull.autoMerge = { enabledBy: actor, mergeMethod: params.mergeMethod, commitTitle: null, commitMessage: null, enabledAt: this.store.now() };
    this.emit(repo, pull, "auto_merge_enabled", actor);
    try {
      mergeAsRequested(this.store, repo, pull);
    } catch (error) {
      // Not ready yet: it stays armed and joins the queue once it is.
      if (!(error instanceof SandboxError)) throw error;
    }
    return pull;
  }

  /** GraphQL `disablePullRequestAutoMerge`. */
  disableAutoMerge(params: { actor: Account; repo: Repo; number: number }): PullRequest {
    const pull = this.store.requirePull(params.repo, params.number);
    if (!pull.autoMerge) return pull;
    pull.autoMerge = null;
    this.emit(params.repo, pull, "auto_merge_disabled", params.actor, { reason: "Disabled by user" });
    return pull;
  }

  /**
   * Follows a branch move: PRs from the branch get the new head and a
   * `synchronize` (or are closed when the branch is deleted); PRs into it
   * get the new base sha. Both are re-evaluated.
   */
  onBranchMoved(params: { actor: Account; repo: Repo; branch: string; before: string | null; after: string | null }): void {
    const { actor, repo, branch, before, after } = params;
    for (const pull of repo.pulls.values()) {
      const issue = this.store.requireIssue(repo, pull.number);
      if (issue.state !== "open") continue;
      if (pull.head.ref === branch) {
        if (after === null) {
          this.store.ops.issues.setState({ actor, repo, issue, state: "closed" });
          continue;
        }
        pull.head.sha = after;
        issue.updatedAt = this.store.now();
        if (this.store.profile === "production") applyHeadPushRules({ store: this.store, repo, pull, actor });
        this.tracker.start(repo, pull);
        this.refresh(repo, pull);
        this.emit(repo, pull, "synchronize", actor, { before: before ?? undefined, after });
      }
      if (pull.base.ref === branch && after !== null) {
        pull.base.sha = after;
        this.tracker.start(repo, pull);
        this.refresh(repo, pull);
      }
    }
  }

  /** Re-evaluates every open PR whose head is `sha` (after a check run changed). */
  onChecksChanged(params: { repo: Repo; sha: string }): void {
    for (const pull of params.repo.pulls.values()) {
      if (pull.head.sha === params.sha && !pull.merged) this.refresh(params.repo, pull);
    }
    this.store.ops.mergeQueue.onChecksChanged(params.repo, params.sha);
  }

  /**
   * Recomputes mergeability and performs a pending auto-merge once the PR is
   * clean. In the production profile mergeability stays unknown while GitHub
   * is still computing it, and auto-merge fires once the PR is mergeable
   * under protection (clean, or unstable from checks that are not required).
   */
  refresh(repo: Repo, pull: PullRequest): void {
    if (pull.merged || this.store.requireIssue(repo, pull.number).state !== "open") return;
    Object.assign(pull, computeMergeability({ store: this.store, repo, pull }));
    if (this.store.profile === "production") {
      this.tracker.apply(repo, pull);
      return;
    }
    if (pull.mergeableState === "clean") mergeAsRequested(this.store, repo, pull);
  }

  /**
   * Production profile: finishes the mergeability computations whose time
   * has come (and any auto-merge they unblock). The router calls it before
   * each request, so the state a client reads follows the sandbox clock.
   */
  settle(): void {
    this.tracker.settle();
  }

  /** Emits a `pull_request` webhook for `pull`. */
  emit(
    repo: Repo,
    pull: PullRequest,
    action: PullRequestAction,
    sender: Account,
    extra: Omit<Partial<Parameters<typeof pullRequestPayload>[0]>, "store" | "repo" | "pull" | "action" | "sender"> = {},
  ): void {
    this.store.emit(pullRequestPayload({ store: this.store, repo, pull, action, sender, ...extra }));
  }
}
