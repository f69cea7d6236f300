import type {
  AccessToken,
  Account,
  App,
  Blob,
  Commit,
  Installation,
  Issue,
  IssueComment,
  Permission,
  PullRequest,
  Repo,
  ReviewThread,
  SandboxNode,
  SandboxProfile,
  StoreEvent,
} from "./store-types.js";
import { SandboxError } from "./sandbox-error.js";
import { AccountMutations } from "./mutations/account-mutations.js";
import { GitMutations } from "./mutations/git-mutations.js";
import { IssueMutations } from "./mutations/issue-mutations.js";
import { LabelMutations } from "./mutations/label-mutations.js";
import { CommentMutations } from "./mutations/comment-mutations.js";
import { ReactionMutations } from "./mutations/reaction-mutations.js";
import { SubIssueMutations } from "./mutations/sub-issue-mutations.js";
import { IssueDependencyMutations } from "./mutations/issue-dependency-mutations.js";
import { PullMutations } from "./mutations/pull-mutations.js";
import { MergeMutations } from "./mutations/merge-mutations.js";
import { ReviewMutations } from "./mutations/review-mutations.js";
import { CheckMutations } from "./mutations/check-mutations.js";
import { StatusMutations } from "./mutations/status-mutations.js";
import { RulesetMutations } from "./mutations/ruleset-mutations.js";
import { MergeQueueMutations } from "./mutations/merge-queue-mutations.js";
import { ProtectionMutations } from "./mutations/protection-mutations.js";

export type * from "./store-types.js";

/** The mutation groups; every write in the sandbox goes through one of them. */
export interface StoreOps {
  accounts: AccountMutations;
  git: GitMutations;
  issues: IssueMutations;
  labels: LabelMutations;
  comments: CommentMutations;
  reactions: ReactionMutations;
  subIssues: SubIssueMutations;
  /** "Blocked by" / "blocking" links between issues. */
  dependencies: IssueDependencyMutations;
  pulls: PullMutations;
  merges: MergeMutations;
  reviews: ReviewMutations;
  checks: CheckMutations;
  /** Commit statuses. */
  statuses: StatusMutations;
  /** Branch protection and repository merge settings. */
  protections: ProtectionMutations;
  /** Repository rulesets. */
  rulesets: RulesetMutations;
  /** Rulesets' merge queues. */
  mergeQueue: MergeQueueMutations;
}

/**
 * The sandbox's whole GitHub state, plus the lookups and writes every view
 * (REST, GraphQL, actors, webhooks) shares. Reads are plain property/method
 * access on the records in `store-types.ts`; writes go through `ops.*` (or the
 * GraphQL-shaped shortcuts below), which record the change and emit the
 * webhook GitHub would send for it.
 */
export class Store {
  /** The injected clock: every timestamp and rate-limit window reads it. */
  readonly now: () => Date;
  /** How faithfully merge rules are modelled (see `SandboxProfile`). */
  readonly profile: SandboxProfile;
  /** Production profile: how long mergeability stays unknown after a push to a PR's head or base, on the sandbox clock. */
  readonly mergeabilityDelayMs: number;
  /** Runs `run` once the sandbox clock has moved `delayMs` on (a no-op without a scheduler: reads catch up lazily). */
  readonly schedule: (delayMs: number, run: () => void) => void;
  /** Lower-cased login → account (users, bots and organisations). */
  readonly accounts = new Map<string, Account>();
  readonly accountsById = new Map<number, Account>();
  /** Lower-cased `owner/name` → repository. */
  readonly repos = new Map<string, Repo>();
  readonly reposById = new Map<number, Repo>();
  /** Issue id → issue, for sub-issue and dependency links (which use ids, not numbers). */
  readonly issuesById = new Map<number, Issue>();
  /** Commit sha → commit (all repositories share one object store). */
  readonly commits = new Map<string, Commit>();
  /** Blob sha → blob. */
  readonly blobs = new Map<string, Blob>();
  readonly apps = new Map<number, App>();
  readonly installations = new Map<number, Installation>();
  /** Token string → token. */
  readonly tokens = new Map<string, AccessToken>();
  /** GraphQL node id → record. */
  readonly nodes = new Map<string, SandboxNode>();
  /** Every write, grouped by resource. */
  readonly ops: StoreOps;

  private lastId = 1000;
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(
    params: {
      now?: () => Date;
      profile?: SandboxProfile;
      mergeabilityDelayMs?: number;
      schedule?: (delayMs: number, run: () => void) => void;
    } = {},
  ) {
    this.now = params.now ?? (() => new Date());
    this.profile = params.profile ?? "kind";
    this.mergeabilityDelayMs = params.mergeabilityDelayMs ?? 3000;
    this.schedule = params.schedule ?? (() => undefined);
    this.ops = {
      accounts: new AccountMutations(this),
      git: new GitMutations(this),
      issues: new IssueMutations(this),
      labels: new LabelMutations(this),
      comments: new CommentMutations(this),
      reactions: new ReactionMutations(this),
      subIssues: new SubIssueMutations(this),
      dependencies: new IssueDependencyMutations(this),
      pulls: new PullMutations(this),
      merges: new MergeMutations(this),
      reviews: new ReviewMutations(this),
      checks: new CheckMutations(this),
      statuses: new StatusMutations(this),
      protections: new ProtectionMutations(this),
      rulesets: new RulesetMutations(this),
      mergeQueue: new MergeQueueMutations(this),
    };
  }

  /** A fresh database id, unique across every kind of record. */
  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** A GraphQL-style global id: GitHub's type prefix plus an opaque suffix. */
  nodeId(prefix: string, id: number | string): string {
    return `${prefix}_${Buffer.from(`sandbox:${id}`).toString("base64url")}`;
  }

  /** Makes a record reachable by its node id. */
  register(node: SandboxNode): void {
    const id = "nodeId" in node.value ? node.value.nodeId : undefined;
    if (id !== undefined) this.nodes.set(id, node);
  }

  /** The account with this login (case-insensitive), if any. */
  account(login: string): Account | undefined {
    return this.accounts.get(login.toLowerCase());
  }

  /** The account with this login, or a 404 like GitHub's. */
  requireAccount(login: string): Account {
    const found = this.account(login);
    if (!found) throw new SandboxError({ status: 404, message: "Not Found" });
    return found;
  }

  /** The repository `owner/name` (case-insensitive), if any. */
  repo(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** The repository, or a 404 like GitHub's. */
  requireRepo(owner: string, name: string): Repo {
    const found = this.repo(owner, name);
    if (!found) throw new SandboxError({ status: 404, message: "Not Found" });
    return found;
  }

  /** The repository with this id; throws if the store is inconsistent. */
  repoById(id: number): Repo {
    const found = this.reposById.get(id);
    if (!found) throw new Error(`sandbox store has no repository with id ${id}`);
    return found;
  }

  /** Issue (or PR) `number` in `repo`, or a 404 like GitHub's. */
  requireIssue(repo: Repo, number: number): Issue {
    const found = repo.issues.get(number);
    if (!found) throw new SandboxError({ status: 404, message: "Not Found" });
    return found;
  }

  /** Pull request `number` in `repo`, or a 404 like GitHub's. */
  requirePull(repo: Repo, number: number): PullRequest {
    const found = repo.pulls.get(number);
    if (!found) throw new SandboxError({ status: 404, message: "Not Found" });
    return found;
  }

  /** Issue comment `id` in `repo`, or a 404 like GitHub's. */
  requireComment(repo: Repo, id: number): IssueComment {
    const found = repo.comments.get(id);
    if (!found) throw new SandboxError({ status: 404, message: "Not Found" });
    return found;
  }

  /** The pull request and its thread for a review-thread node id, or a 404. */
  requireThread(threadId: number): { repo: Repo; pull: PullRequest; thread: ReviewThread } {
    for (const repo of this.reposById.values()) {
      for (const pull of repo.pulls.values()) {
        const thread = pull.threads.find((t) => t.id === threadId);
        if (thread) return { repo, pull, thread };
      }
    }
    throw new SandboxError({ status: 404, message: "Not Found" });
  }

  /** The comments of one issue, oldest first. */
  commentsOf(repo: Repo, number: number): IssueComment[] {
    return [...repo.comments.values()].filter((c) => c.issueNumber === number);
  }

  /**
   * What `login` may do in `repo`: owner and org owners are admins, explicit
   * collaborators have their level, org members get the org's base
   * permission (read), everyone else none.
   */
  permission(repo: Repo, login: string): Permission {
    const key = login.toLowerCase();
    if (repo.owner.login.toLowerCase() === key) return "admin";
    const orgRole = repo.owner.type === "Organization" ? repo.owner.members.get(key) : undefined;
    if (orgRole === "admin") return "admin";
    const explicit = repo.collaborators.get(key);
    if (explicit) return explicit;
    if (orgRole === "member") return "read";
    return "none";
  }

  /** Installations that can see `repo` (all-repositories or selected including it). */
  installationsFor(repo: Repo): Installation[] {
    return [...this.installations.values()].filter(
      (i) =>
        i.account.id === repo.owner.id &&
        (i.repositorySelection === "all" || i.repositoryIds.includes(repo.id)),
    );
  }

  /** Subscribes to every change; returns the unsubscribe function. */
  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Announces a change to every subscriber (the webhook dispatcher among them). */
  emit(event: StoreEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** GraphQL `addComment`: comments on an issue or PR as `actor`. */
  addComment(params: { actor: Account; repo: Repo; number: number; body: string }): IssueComment {
    return this.ops.comments.create(params);
  }

  /** GraphQL `enablePullRequestAutoMerge`. */
  enablePullRequestAutoMerge(params: {
    actor: Account;
    repo: Repo;
    number: number;
    mergeMethod?: "merge" | "squash" | "rebase";
    commitTitle?: string | null;
    commitMessage?: string | null;
  }): PullRequest {
    return this.ops.pulls.enableAutoMerge(params);
  }

  /** GraphQL `resolveReviewThread`. */
  resolveReviewThread(params: { actor: Account; threadId: number }): ReviewThread {
    return this.ops.reviews.setThreadResolved({ ...params, resolved: true });
  }

  /** GraphQL `unresolveReviewThread`. */
  unresolveReviewThread(params: { actor: Account; threadId: number }): ReviewThread {
    return this.ops.reviews.setThreadResolved({ ...params, resolved: false });
  }

  /** GraphQL `replaceActorsForAssignable`: sets the assignees of an issue or PR. */
  replaceActorsForAssignable(params: { actor: Account; repo: Repo; number: number; logins: string[] }): Issue {
    return this.ops.issues.update({
      actor: params.actor,
      repo: params.repo,
      number: params.number,
      assignees: params.logins,
    });
  }

  /** GraphQL `addSubIssue` (and REST `POST …/sub_issues`). */
  addSubIssue(params: { actor: Account; repo: Repo; parentNumber: number; childId: number; replaceParent?: boolean }): Issue {
    return this.ops.subIssues.add(params);
  }

  /** GraphQL `removeSubIssue` (and REST `DELETE …/sub_issue`). */
  removeSubIssue(params: { actor: Account; repo: Repo; parentNumber: number; childId: number }): Issue {
    return this.ops.subIssues.remove(params);
  }
}
