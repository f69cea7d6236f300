import type { Store } from "./store.js";
import type { Account, Issue, PullRequest, Repo, StoreEvent } from "./store-types.js";
import { compareCommits } from "./git/compare-commits.js";
import { resolveAgentSettings, type AgentOptions, type AgentPresetName, type AgentTrigger, type ResolvedAgentSettings } from "./agent-options.js";
import { mentions, readAgentSignal, targetBranchIn, type AgentSignal, type NudgeKind, type SignalSender } from "./agent-signals.js";

export type { AgentOptions, AgentPresetName, AgentRequestRules, AgentSettings, AgentTrigger } from "./agent-options.js";
export { AGENT_PRESETS } from "./agent-options.js";
export type { NudgeKind } from "./agent-signals.js";

/**
 * Where a task stands: `pending` (triggered, not worked on yet — possibly
 * waiting for its target comment), `open` (PR open), `failed` (the agent
 * said it could not do it), `merged` / `closed` (its PR was), `cancelled`
 * (the issue was closed before the agent got to it).
 */
export type AgentTaskState = "pending" | "open" | "failed" | "merged" | "closed" | "cancelled";

/** One issue handed to the agent. */
export interface AgentTask {
  /** `owner/name`. */
  repo: string;
  issue: number;
  /** Who triggered the task. */
  triggeredBy: string;
  via: AgentTrigger["type"];
  state: AgentTaskState;
  /** The branch the PR targets, once known. */
  targetBranch: string | null;
  /** The agent's own branch. */
  branch: string | null;
  pull: number | null;
  /** Shas the agent pushed on its branch, oldest first. */
  commits: string[];
  /** Why the task failed or was cancelled. */
  reason: string | null;
}

/** A "Can you fix …" comment on one of the agent's pull requests. */
export interface AgentNudge {
  repo: string;
  pull: number;
  /** The issue the PR is for. */
  issue: number;
  commentId: number;
  from: string;
  kinds: NudgeKind[];
  /** `ignored`: the agent does not answer nudges, or the PR was no longer open. */
  state: "pending" | "answered" | "failed" | "ignored";
  /** The commit that answered it. */
  commit: string | null;
}

/** A trigger the agent saw and did not act on. */
export interface IgnoredTrigger {
  repo: string;
  issue: number;
  sender: string;
  senderType: string;
  via: AgentTrigger["type"];
  /** `bot-sender`: sent by a Bot while `ignoreBotTriggers` is on; `duplicate`: the issue already has a pending or open task. */
  reason: "bot-sender" | "duplicate";
}

/** A "Can you fix …" comment on one of the agent's open pull requests that its request rules (`requests`) turned down. */
export interface IgnoredRequest {
  repo: string;
  pull: number;
  commentId: number;
  /** Who wrote the comment. */
  from: string;
  senderType: string;
  /**
   * `bot-sender`: a Bot wrote it and the agent takes requests from people
   * only; `person-sender`: a person wrote it and the agent takes requests
   * from bots only; `no-mention`: it does not mention the agent's handle;
   * `not-a-writer`: its author cannot push to the repository.
   */
  reason: "bot-sender" | "person-sender" | "no-mention" | "not-a-writer";
}

/** What one `work()` did. */
export interface AgentWorkReport {
  opened: AgentTask[];
  failed: AgentTask[];
  /** Tasks still waiting for their target comment. */
  waiting: AgentTask[];
  answered: AgentNudge[];
}

const NUDGE_WORDS: Record<NudgeKind, string> = {
  checks: "the failing checks",
  reviews: "the code reviews",
  conflict: "the merge conflict",
};

/**
 * A simulated coding agent (Jules, Copilot, the Claude action, OpenHands,
 * Codex…). It listens to the store's events for its trigger — a label, an
 * assignment to its account, or a mention — and, once the issue carries
 * Factory's ``Target branch: `…` `` comment (or at once from the branch the
 * assignment named, with `baseFromAssignment`), pushes a branch from that
 * target and opens a PR into it (body `Closes #N` / `Fixes #N`) as its own
 * account. It answers "Can you fix the failing checks / code reviews / merge
 * conflict" comments on its PR that pass its request rules (`requests`) with
 * a new head commit, and fails on demand (`failNext`, `failEvery`) with a
 * comment and nothing opened. Every write goes through the store's ops, so
 * webhooks fire as for any other actor.
 *
 * In `manual` mode (default) nothing happens until `await agent.work()`; in
 * `auto` mode the agent works on its own shortly after what concerns it.
 */
export class AgentActor {
  /** What the agent calls itself; how `sandbox.agent(name)` finds it. */
  readonly name: string;
  readonly account: Account;
  readonly settings: Readonly<ResolvedAgentSettings>;
  /** Every task, in the order they were triggered. */
  readonly tasks: AgentTask[] = [];
  /** Every fix request seen on the agent's PRs. */
  readonly nudges: AgentNudge[] = [];
  /** Triggers seen and not acted on. */
  readonly ignored: IgnoredTrigger[] = [];
  /** Fix requests on the agent's open PRs that its request rules turned down. */
  readonly ignoredRequests: IgnoredRequest[] = [];
  /** Exceptions caught while listening or working in `auto` mode. */
  readonly errors: string[] = [];

  private queuedFailures = 0;
  private attempts = 0;
  private stopped = false;
  private readonly unsubscribe: () => void;
  private cancelTimer: (() => void) | undefined;
  private scheduled: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  /** With `baseFromAssignment`: the base branch each assignment-triggered task was given (null: the default branch). */
  private readonly assignedBases = new Map<AgentTask, string | null>();

  constructor(
    private readonly store: Store,
    options: AgentOptions | AgentPresetName,
  ) {
    this.settings = resolveAgentSettings(options);
    this.name = this.settings.name;
    this.account = store.ops.accounts.createUser({ login: this.settings.login, type: this.settings.type });
    this.unsubscribe = store.onEvent((event) => this.onEvent(event));
  }

  /** The next `n` pieces of work (a task or a nudge answer) fail. */
  failNext(n = 1): void {
    this.queuedFailures += n;
  }

  /**
   * Works through everything pending, once: tasks first (in trigger order),
   * then fix requests (one commit per PR). Tasks without a target comment
   * stay pending while `requireTargetComment` is on.
   */
  async work(): Promise<AgentWorkReport> {
    const report: AgentWorkReport = { opened: [], failed: [], waiting: [], answered: [] };
    for (const task of this.tasks.filter((t) => t.state === "pending")) this.workOn(task, report);
    const byPull = new Map<string, AgentNudge[]>();
    for (const nudge of this.nudges.filter((n) => n.state === "pending")) {
      const key = `${nudge.repo}#${nudge.pull}`;
      byPull.set(key, [...(byPull.get(key) ?? []), nudge]);
    }
    for (const group of byPull.values()) this.answer(group, report);
    return report;
  }

  /** Resolves once no `auto`-mode work is scheduled or running. */
  async idle(): Promise<void> {
    while (this.scheduled ?? this.running) await (this.scheduled ?? this.running);
  }

  /** Stops listening and cancels scheduled work; tasks and records stay readable. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    this.cancelTimer?.();
  }

  private onEvent(event: StoreEvent): void {
    try {
      const signal = readAgentSignal({ store: this.store, event, trigger: this.settings.trigger, self: this.account.login });
      if (signal && this.watches(signal.repo)) this.take(signal);
    } catch (error) {
      this.errors.push(messageOf(error));
    }
  }

  private watches(repo: Repo): boolean {
    return this.settings.repos === null || this.settings.repos.includes(fullName(repo).toLowerCase());
  }

  private take(signal: AgentSignal): void {
    const repo = fullName(signal.repo);
    switch (signal.kind) {
      case "trigger": {
        const { issue, sender, via } = signal;
        const ignore = (reason: IgnoredTrigger["reason"]): void => {
          this.ignored.push({ repo, issue, sender: sender.login, senderType: sender.type, via, reason });
        };
        if (this.settings.ignoreBotTriggers && sender.type === "Bot") return ignore("bot-sender");
        if (this.tasks.some((t) => t.repo === repo && t.issue === issue && (t.state === "pending" || t.state === "open"))) {
          return ignore("duplicate");
        }
        const task: AgentTask = {
          repo,
          issue,
          triggeredBy: sender.login,
          via,
          state: "pending",
          targetBranch: null,
          branch: null,
          pull: null,
          commits: [],
          reason: null,
        };
        this.tasks.push(task);
        // Jules says it has the task with 👀 on the issue, long before any pull request.
        if (this.settings.acknowledgesTasks) this.store.ops.reactions.add({ actor: this.account, repo: signal.repo, target: { kind: "issue", number: issue }, content: "eyes" });
        if (this.settings.baseFromAssignment && via === "assignee") this.assignedBases.set(task, signal.assignment?.baseBranch ?? null);
        return this.schedule();
      }
      case "target":
        if (this.tasks.some((t) => t.repo === repo && t.issue === signal.issue && t.state === "pending")) this.schedule();
        return;
      case "nudge": {
        const task = this.tasks.find((t) => t.repo === repo && t.pull === signal.pull && t.state === "open");
        if (!task) return;
        const { pull, commentId, kinds } = signal;
        const refused = this.refusal(signal.repo, signal.sender, signal.body);
        if (refused) {
          this.ignoredRequests.push({ repo, pull, commentId, from: signal.sender.login, senderType: signal.sender.type, reason: refused });
          return;
        }
        const state = this.settings.answersNudges ? "pending" : "ignored";
        this.nudges.push({ repo, pull, issue: task.issue, commentId, from: signal.sender.login, kinds, state, commit: null });
        if (state === "pending") this.schedule();
        return;
      }
      case "pull-state": {
        const task = this.tasks.find((t) => t.repo === repo && t.pull === signal.pull && t.state !== "pending");
        if (task && task.state !== "failed" && task.state !== "cancelled") task.state = signal.state;
        return;
      }
    }
  }

  /** Why the request rules turn down a fix request by `sender` reading `body`; undefined when they take it. */
  private refusal(repo: Repo, sender: SignalSender, body: string): IgnoredRequest["reason"] | undefined {
    const { from, mention, writersOnly } = this.settings.requests;
    const bot = sender.type === "Bot";
    if (from === "people" && bot) return "bot-sender";
    if (from === "bots" && !bot) return "person-sender";
    if (mention !== null && !mentions(body, mention)) return "no-mention";
    if (writersOnly && !this.canPush(repo, sender)) return "not-a-writer";
    return undefined;
  }

  /**
   * Whether `sender` can push to `repo`: write access or higher for a person
   * (what Copilot, the Claude action and OpenHands check); for an app's bot,
   * an installation of its app on the repository with `contents: write`.
   */
  private canPush(repo: Repo, sender: SignalSender): boolean {
    if (["admin", "maintain", "write"].includes(this.store.permission(repo, sender.login))) return true;
    const app = [...this.store.apps.values()].find((a) => a.bot.login.toLowerCase() === sender.login.toLowerCase());
    if (!app) return false;
    return this.store
      .installationsFor(repo)
      .some((installation) => installation.appId === app.id && ["write", "admin"].includes(installation.permissions.contents ?? ""));
  }

  private schedule(): void {
    if (this.settings.mode !== "auto" || this.stopped || this.scheduled) return;
    this.scheduled = new Promise<void>((resolve) => {
      const run = (): void => {
        this.cancelTimer = undefined;
        this.scheduled = undefined;
        this.running = this.work()
          .then(
            () => undefined,
            (error: unknown) => void this.errors.push(messageOf(error)),
          )
          .finally(() => {
            this.running = undefined;
            resolve();
          });
      };
      const cancel = (): void => {
        this.scheduled = undefined;
        resolve();
      };
      if (this.settings.autoDelayMs > 0) {
        const timer = setTimeout(run, this.settings.autoDelayMs);
        this.cancelTimer = () => (clearTimeout(timer), cancel());
      } else {
        const immediate = setImmediate(run);
        this.cancelTimer = () => (clearImmediate(immediate), cancel());
      }
    });
  }

  /** Consumes one unit of work; true when it is to fail. */
  private shouldFail(): boolean {
    this.attempts += 1;
    if (this.queuedFailures > 0) {
      this.queuedFailures -= 1;
      return true;
    }
    return this.settings.failEvery > 0 && this.attempts % this.settings.failEvery === 0;
  }

  private repoOf(task: { repo: string }): Repo {
    const [owner = "", name = ""] = task.repo.split("/");
    return this.store.requireRepo(owner, name);
  }

  /** The branch named by the latest target comment on the issue not written by the agent. */
  private targetOf(repo: Repo, issue: number): string | undefined {
    let target: string | undefined;
    for (const comment of this.store.commentsOf(repo, issue)) {
      if (comment.author.id === this.account.id) continue;
      target = targetBranchIn(comment.body) ?? target;
    }
    return target;
  }

  private workOn(task: AgentTask, report: AgentWorkReport): void {
    const repo = this.repoOf(task);
    const issue = repo.issues.get(task.issue);
    if (!issue || issue.state === "closed") {
      task.state = "cancelled";
      task.reason = "the issue is closed";
      return;
    }
    const assigned = this.assignedBases.get(task);
    const target = this.assignedBases.has(task)
      ? (assigned ?? repo.defaultBranch)
      : (this.targetOf(repo, issue.number) ?? (this.settings.requireTargetComment ? undefined : repo.defaultBranch));
    if (target === undefined) {
      report.waiting.push(task);
      return;
    }
    task.targetBranch = target;
    if (!repo.refs.has(`refs/heads/${target}`)) return this.fail(task, repo, issue, `the target branch \`${target}\` does not exist`, report);
    if (this.shouldFail()) return this.fail(task, repo, issue, "the task could not be completed", report);
    const branch = this.freshBranch(repo, issue);
    const commit = this.store.ops.git.pushCommit({
      actor: this.account,
      repo,
      branch,
      from: target,
      files: { [this.notePath(issue.number)]: this.note(issue, target) },
      message: `Fix #${issue.number}: ${issue.title}`,
    });
    task.branch = branch;
    task.commits.push(commit.sha);
    const pull = this.store.ops.pulls.create({
      actor: this.account,
      repo,
      head: branch,
      base: target,
      title: issue.title,
      body: `${this.settings.closingKeyword} #${issue.number}\n\n${this.name} worked on #${issue.number} on top of \`${target}\`.\n`,
      draft: this.settings.draft,
    });
    task.pull = pull.number;
    task.state = "open";
    report.opened.push(task);
  }

  private fail(task: AgentTask, repo: Repo, issue: Issue, reason: string, report: AgentWorkReport): void {
    this.store.ops.comments.create({
      actor: this.account,
      repo,
      number: issue.number,
      body: `${this.name} could not complete this task: ${reason}. No pull request was opened.`,
    });
    task.state = "failed";
    task.reason = reason;
    report.failed.push(task);
  }

  private freshBranch(repo: Repo, issue: Issue): string {
    const base = this.settings.branchName({ number: issue.number, title: issue.title });
    let branch = base;
    for (let n = 2; repo.refs.has(`refs/heads/${branch}`); n += 1) branch = `${base}-${n}`;
    return branch;
  }

  private notePath(issue: number): string {
    return `changes/issue-${issue}.md`;
  }

  private note(issue: Issue, target: string): string {
    return `# ${issue.title}\n\nWork on #${issue.number} by ${this.name}, based on \`${target}\`.\n`;
  }

  /** Answers the pending nudges of one PR with a single commit (a merge of the base when a conflict was asked about). */
  private answer(nudges: AgentNudge[], report: AgentWorkReport): void {
    const first = nudges[0] as AgentNudge;
    const task = this.tasks.find((t) => t.repo === first.repo && t.pull === first.pull);
    const repo = this.repoOf(first);
    const pull = repo.pulls.get(first.pull);
    const open = task?.state === "open" && pull !== undefined && !pull.merged && repo.issues.get(pull.number)?.state === "open";
    if (!task || !pull || !open) {
      for (const nudge of nudges) nudge.state = "ignored";
      return;
    }
    // Agents that take people's requests acknowledge each with 👀 before working, as
    // Jules (https://jules.google/docs/changelog/), Copilot and Codex
    // (https://developers.openai.com/codex/integrations/github) do.
    if (this.settings.requests.from !== "bots") {
      for (const nudge of nudges.filter((n) => repo.comments.has(n.commentId))) {
        this.store.ops.reactions.add({ actor: this.account, repo, target: { kind: "comment", commentId: nudge.commentId }, content: "eyes" });
      }
    }
    const kinds = [...new Set(nudges.flatMap((n) => n.kinds))];
    const what = kinds.map((kind) => NUDGE_WORDS[kind]).join(", ");
    if (this.shouldFail()) {
      this.store.ops.comments.create({ actor: this.account, repo, number: pull.number, body: `${this.name} could not fix ${what}.` });
      for (const nudge of nudges) nudge.state = "failed";
      return;
    }
    const path = this.notePath(task.issue);
    const existing = this.fileAt(pull.head.sha, path) ?? "";
    const content = `${existing}${existing === "" || existing.endsWith("\n") ? "" : "\n"}- Fixed ${what} (round ${task.commits.length}).\n`;
    const sha = kinds.includes("conflict") ? this.mergeBase(repo, pull, { [path]: content }) : undefined;
    const commit =
      sha ??
      this.store.ops.git.pushCommit({ actor: this.account, repo, branch: pull.head.ref, files: { [path]: content }, message: `Fix ${what}` }).sha;
    task.commits.push(commit);
    for (const nudge of nudges) {
      nudge.state = "answered";
      nudge.commit = commit;
      report.answered.push(nudge);
    }
  }

  /**
   * Merges the PR's base into its head, resolving every conflict in favour
   * of the agent's side, with `changes` on top; returns the merge commit's
   * sha, or undefined when the head is not behind its base.
   */
  private mergeBase(repo: Repo, pull: PullRequest, changes: Record<string, string>): string | undefined {
    const baseSha = repo.refs.get(`refs/heads/${pull.base.ref}`);
    if (baseSha === undefined) return undefined;
    const comparison = compareCommits({ store: this.store, base: baseSha, head: pull.head.sha });
    if (comparison.behindBy === 0) return undefined;
    const tree = new Map(this.store.ops.git.requireCommit(baseSha).tree);
    for (const [path, blob] of comparison.headChanges) {
      if (blob === null) tree.delete(path);
      else tree.set(path, blob);
    }
    const commit = this.store.ops.git.writeCommit({
      parent: pull.head.sha,
      extraParents: [baseSha],
      tree,
      changes,
      message: `Merge branch '${pull.base.ref}' into ${pull.head.ref}`,
      author: this.account,
    });
    this.store.ops.git.moveRef({ actor: this.account, repo, ref: `refs/heads/${pull.head.ref}`, to: commit.sha, forced: false });
    return commit.sha;
  }

  private fileAt(sha: string, path: string): string | undefined {
    const blob = this.store.commits.get(sha)?.tree.get(path);
    return blob === undefined ? undefined : this.store.blobs.get(blob)?.content.toString("utf8");
  }
}

function fullName(repo: Repo): string {
  return `${repo.owner.login}/${repo.name}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
