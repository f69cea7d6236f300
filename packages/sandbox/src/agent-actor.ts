import type { Store } from "./store.js";
import type { Account, Issue, PullRequest, Repo, StoreEvent } from "./store-types.js";
import { compareCommits } from "./git/compare-commits.js";
import { resolveAgentSettings, slugify, type AgentOptions, type AgentPresetName, type AgentTrigger, type ResolvedAgentSettings } from "./agent-options.js";
import { mentions, nudgeKindsIn, readAgentSignal, targetBranchIn, type AgentSignal, type NudgeKind, type SignalSender } from "./agent-signals.js";

export type { AgentOptions, AgentPresetName, AgentRequestRules, AgentSettings, AgentTrigger } from "./agent-options.js";
export { AGENT_PRESETS } from "./agent-options.js";
export type { NudgeKind } from "./agent-signals.js";

/**
 * Where a task stands: `pending` (triggered, not worked on yet — possibly
 * waiting for its target comment), `open` (PR open), `pushed` (branch
 * pushed and no pull request asked for: a Jules API session without
 * `AUTO_CREATE_PR`), `failed` (the agent said it could not do it),
 * `merged` / `closed` (its PR was), `cancelled` (the issue was closed before
 * the agent got to it).
 */
export type AgentTaskState = "pending" | "open" | "pushed" | "failed" | "merged" | "closed" | "cancelled";

/** One issue (or, through the Jules API, one prompt) handed to the agent. */
export interface AgentTask {
  /** `owner/name`. */
  repo: string;
  /** The issue worked on; null for a Jules API session whose prompt names no issue. */
  issue: number | null;
  /** Who triggered the task (for a session: the API key's owner). */
  triggeredBy: string;
  /** What handed it over: the agent's trigger, or `session` for a Jules API session. */
  via: AgentTrigger["type"] | "session";
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
  /** The issue the PR is for (null for a session's PR that names none). */
  issue: number | null;
  /** The comment that asked; null for a message sent through the Jules API (`sendMessage`). */
  commentId: number | null;
  from: string;
  /** What was asked; empty for a session message that names none of the three (answered as "the requested changes"). */
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
  /**
   * `bot-sender`: sent by a Bot while `ignoreBotTriggers` is on; `duplicate`:
   * the issue already has a pending or open task; `at-capacity`: the agent
   * already runs `concurrency` tasks (it said so on the issue).
   */
  reason: "bot-sender" | "duplicate" | "at-capacity";
}

/** A "Can you fix …" comment on one of the agent's open pull requests that its request rules (`requests`) turned down. */
export interface IgnoredRequest {
  repo: string;
  pull: number;
  /** null for a message sent through the Jules API. */
  commentId: number | null;
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

/**
 * A "Can you resolve the merge conflict …" comment on an open pull request
 * the agent did not open (agents with `resolvesConflicts`).
 */
export interface AgentResolution {
  repo: string;
  pull: number;
  commentId: number;
  /** Who asked. */
  from: string;
  /** `resolved`: merged (or nothing to merge); `failed`: the agent said it could not; `ignored`: the PR was no longer open. */
  state: "pending" | "resolved" | "failed" | "ignored";
  /** The merge commit pushed on the PR's head; null when nothing was pushed. */
  commit: string | null;
  /** Paths the head had changed whose base version the merge kept, sorted. */
  dropped: string[];
}

/**
 * What starts a task outside GitHub: a Jules API session
 * (`sandbox.julesApi`). The agent starts from `startingBranch` at once — no
 * target comment — and counts the task toward its `concurrency`.
 */
export interface AgentSessionRequest {
  repo: Repo;
  /** The issue the prompt names, or null. */
  issue: number | null;
  /** The API key's owner. */
  triggeredBy: string;
  startingBranch: string;
  /** Open a pull request when done (`automationMode: AUTO_CREATE_PR`); else only push the branch. */
  openPullRequest: boolean;
  /** The PR title when no issue is named. */
  title: string;
  /** Names the branch and note when no issue is named (the session id). */
  key: string;
  /** Called once the task is taken: at once, or when a slot frees while the agent is at its concurrency. */
  started: (task: AgentTask) => void;
}

/** What one `work()` did. */
export interface AgentWorkReport {
  opened: AgentTask[];
  /** Session tasks that pushed their branch without a pull request. */
  pushed: AgentTask[];
  failed: AgentTask[];
  /** Tasks still waiting for their target comment. */
  waiting: AgentTask[];
  answered: AgentNudge[];
  /** Merge-conflict resolutions done (or found unnecessary) on other people's pull requests. */
  resolved: AgentResolution[];
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
 * comment and nothing opened. With `concurrency` it turns down triggers
 * over that many running tasks; with `resolvesConflicts` it resolves merge
 * conflicts on others' pull requests when asked; Jules API sessions
 * (`sandbox.julesApi`) hand it tasks through {@link AgentActor.takeSession}.
 * Every write goes through the store's ops, so webhooks fire as for any
 * other actor.
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
  /** Fix requests on the agent's open PRs (and resolution requests) that its request rules turned down. */
  readonly ignoredRequests: IgnoredRequest[] = [];
  /** Every merge-conflict resolution asked of the agent (`resolvesConflicts`). */
  readonly resolutions: AgentResolution[] = [];
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
  /** Tasks started by a Jules API session, with what the session asked. */
  private readonly sessionTasks = new Map<AgentTask, AgentSessionRequest>();
  /** Sessions waiting for a free slot (over `concurrency`), oldest first. */
  private readonly queuedSessions: AgentSessionRequest[] = [];

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
   * Works through everything pending, once: tasks first (in trigger order,
   * with queued sessions started as slots free up), then fix requests (one
   * commit per PR), then merge-conflict resolutions. Tasks without a target
   * comment stay pending while `requireTargetComment` is on.
   */
  async work(): Promise<AgentWorkReport> {
    const report: AgentWorkReport = { opened: [], pushed: [], failed: [], waiting: [], answered: [], resolved: [] };
    const seen = new Set<AgentTask>();
    for (;;) {
      this.startQueued();
      const batch = this.tasks.filter((t) => t.state === "pending" && !seen.has(t));
      if (batch.length === 0) break;
      for (const task of batch) {
        seen.add(task);
        this.workOn(task, report);
      }
    }
    const byPull = new Map<string, AgentNudge[]>();
    for (const nudge of this.nudges.filter((n) => n.state === "pending")) {
      const key = `${nudge.repo}#${nudge.pull}`;
      byPull.set(key, [...(byPull.get(key) ?? []), nudge]);
    }
    for (const group of byPull.values()) this.answer(group, report);
    for (const resolution of this.resolutions.filter((r) => r.state === "pending")) this.resolve(resolution, report);
    this.startQueued();
    return report;
  }

  /** How many tasks are `pending` or `open`, across every repository: what `concurrency` limits. */
  get activeTasks(): number {
    return this.tasks.filter((t) => t.state === "pending" || t.state === "open").length;
  }

  /**
   * Takes a Jules API session (see {@link AgentSessionRequest}): starts its
   * task at once and returns it, or — at its `concurrency` — queues it and
   * returns null; `request.started` is called when the task is taken, as
   * Jules queues sessions over the concurrent limit
   * (https://jules.google/docs/usage-limits/).
   */
  takeSession(request: AgentSessionRequest): AgentTask | null {
    if (this.atCapacity() || this.queuedSessions.length > 0) {
      this.queuedSessions.push(request);
      return null;
    }
    return this.startSession(request);
  }

  /**
   * A message sent to a session's task through the Jules API
   * (`sessions/{id}:sendMessage`). On an open pull request it is a fix
   * request from `from` (a person), read like a comment on the PR; returns
   * the nudge, or undefined when there is no open PR or the request rules
   * turned it down (listed in `ignoredRequests`).
   */
  messageSession(task: AgentTask, params: { from: string; body: string }): AgentNudge | undefined {
    if (task.state !== "open" || task.pull === null) return undefined;
    const repo = this.repoOf(task);
    const sender: SignalSender = { login: params.from, type: "User" };
    const refused = this.refusal(repo, sender, params.body);
    if (refused) {
      this.ignoredRequests.push({ repo: task.repo, pull: task.pull, commentId: null, from: sender.login, senderType: sender.type, reason: refused });
      return undefined;
    }
    const state = this.settings.answersNudges ? "pending" : "ignored";
    const nudge: AgentNudge = { repo: task.repo, pull: task.pull, issue: task.issue, commentId: null, from: sender.login, kinds: nudgeKindsIn(params.body), state, commit: null };
    this.nudges.push(nudge);
    if (state === "pending") this.schedule();
    return nudge;
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
        // Over its concurrent-task limit Jules says so on the issue and does not start the task
        // (https://jules.google/docs/usage-limits/); a person (or Factory) has to ask again later.
        if (this.atCapacity()) {
          this.store.ops.comments.create({
            actor: this.account,
            repo: signal.repo,
            number: issue,
            body: `${this.name} is at its limit of ${this.settings.concurrency} tasks at once and did not start this one. Ask again once one of its tasks is finished.`,
          });
          return ignore("at-capacity");
        }
        const task = this.newTask({ repo, issue, triggeredBy: sender.login, via });
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
      case "resolve": {
        if (!this.settings.resolvesConflicts) return;
        const pull = signal.repo.pulls.get(signal.pull);
        const issue = signal.repo.issues.get(signal.pull);
        // Its own pull requests take "Can you fix the merge conflict" instead.
        if (!pull || !issue || pull.merged || issue.state !== "open" || issue.author.id === this.account.id) return;
        const { commentId, sender } = signal;
        const refused = this.refusal(signal.repo, sender, signal.body);
        if (refused) {
          this.ignoredRequests.push({ repo, pull: signal.pull, commentId, from: sender.login, senderType: sender.type, reason: refused });
          return;
        }
        this.resolutions.push({ repo, pull: signal.pull, commentId, from: sender.login, state: "pending", commit: null, dropped: [] });
        return this.schedule();
      }
      case "pull-state": {
        const task = this.tasks.find((t) => t.repo === repo && t.pull === signal.pull && t.state !== "pending");
        if (task && task.state !== "failed" && task.state !== "cancelled") task.state = signal.state;
        // A slot may have freed up for a queued session.
        if (this.startQueued()) this.schedule();
        return;
      }
    }
  }

  private atCapacity(): boolean {
    return this.settings.concurrency !== null && this.activeTasks >= this.settings.concurrency;
  }

  /** Starts queued sessions while slots are free; true when one started. */
  private startQueued(): boolean {
    let started = false;
    while (this.queuedSessions.length > 0 && !this.atCapacity()) {
      this.startSession(this.queuedSessions.shift() as AgentSessionRequest);
      started = true;
    }
    return started;
  }

  /** A pending task, recorded. */
  private newTask(start: Pick<AgentTask, "repo" | "issue" | "triggeredBy" | "via">): AgentTask {
    const task: AgentTask = { ...start, state: "pending", targetBranch: null, branch: null, pull: null, commits: [], reason: null };
    this.tasks.push(task);
    return task;
  }

  private startSession(request: AgentSessionRequest): AgentTask {
    const task = this.newTask({ repo: fullName(request.repo), issue: request.issue, triggeredBy: request.triggeredBy, via: "session" });
    this.sessionTasks.set(task, request);
    request.started(task);
    this.schedule();
    return task;
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
    const session = this.sessionTasks.get(task);
    const issue = task.issue === null ? null : (repo.issues.get(task.issue) ?? null);
    if (task.issue !== null && (!issue || issue.state === "closed")) {
      task.state = "cancelled";
      task.reason = "the issue is closed";
      return;
    }
    const assigned = this.assignedBases.get(task);
    const target = session
      ? session.startingBranch
      : this.assignedBases.has(task)
        ? (assigned ?? repo.defaultBranch)
        : issue && (this.targetOf(repo, issue.number) ?? (this.settings.requireTargetComment ? undefined : repo.defaultBranch));
    if (!target) {
      report.waiting.push(task);
      return;
    }
    task.targetBranch = target;
    if (!repo.refs.has(`refs/heads/${target}`)) return this.fail(task, repo, issue, `the target branch \`${target}\` does not exist`, report);
    if (this.shouldFail()) return this.fail(task, repo, issue, "the task could not be completed", report);
    const title = issue?.title ?? session?.title ?? "Session";
    const branch = this.freshBranch(repo, issue ? this.settings.branchName({ number: issue.number, title: issue.title }) : `${slugify(this.name)}/session-${session?.key ?? "task"}`);
    const commit = this.store.ops.git.pushCommit({
      actor: this.account,
      repo,
      branch,
      from: target,
      files: { [this.notePath(task)]: this.note(task, title, target) },
      message: issue ? `Fix #${issue.number}: ${issue.title}` : title,
    });
    task.branch = branch;
    task.commits.push(commit.sha);
    if (session && !session.openPullRequest) {
      task.state = "pushed";
      report.pushed.push(task);
      return;
    }
    const closing = issue ? `${this.settings.closingKeyword} #${issue.number}\n\n` : "";
    const about = issue ? `#${issue.number}` : `this session's prompt`;
    const pull = this.store.ops.pulls.create({
      actor: this.account,
      repo,
      head: branch,
      base: target,
      title,
      body: `${closing}${this.name} worked on ${about} on top of \`${target}\`.\n`,
      draft: this.settings.draft,
    });
    task.pull = pull.number;
    task.state = "open";
    report.opened.push(task);
  }

  private fail(task: AgentTask, repo: Repo, issue: Issue | null, reason: string, report: AgentWorkReport): void {
    if (issue) {
      this.store.ops.comments.create({
        actor: this.account,
        repo,
        number: issue.number,
        body: `${this.name} could not complete this task: ${reason}. No pull request was opened.`,
      });
    }
    task.state = "failed";
    task.reason = reason;
    report.failed.push(task);
  }

  private freshBranch(repo: Repo, base: string): string {
    let branch = base;
    for (let n = 2; repo.refs.has(`refs/heads/${branch}`); n += 1) branch = `${base}-${n}`;
    return branch;
  }

  private notePath(task: AgentTask): string {
    return task.issue !== null ? `changes/issue-${task.issue}.md` : `changes/session-${this.sessionTasks.get(task)?.key ?? "task"}.md`;
  }

  private note(task: AgentTask, title: string, target: string): string {
    const about = task.issue !== null ? `#${task.issue}` : "a session";
    return `# ${title}\n\nWork on ${about} by ${this.name}, based on \`${target}\`.\n`;
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
      for (const nudge of nudges) {
        if (nudge.commentId === null || !repo.comments.has(nudge.commentId)) continue;
        this.store.ops.reactions.add({ actor: this.account, repo, target: { kind: "comment", commentId: nudge.commentId }, content: "eyes" });
      }
    }
    const kinds = [...new Set(nudges.flatMap((n) => n.kinds))];
    const what = kinds.length > 0 ? kinds.map((kind) => NUDGE_WORDS[kind]).join(", ") : "the requested changes";
    if (this.shouldFail()) {
      this.store.ops.comments.create({ actor: this.account, repo, number: pull.number, body: `${this.name} could not fix ${what}.` });
      for (const nudge of nudges) nudge.state = "failed";
      return;
    }
    const path = this.notePath(task);
    const existing = this.fileAt(pull.head.sha, path) ?? "";
    const content = `${existing}${existing === "" || existing.endsWith("\n") ? "" : "\n"}- Fixed ${what} (round ${task.commits.length}).\n`;
    const sha = kinds.includes("conflict") ? this.mergeBase(repo, pull, "head", { [path]: content })?.sha : undefined;
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
   * Merges the PR's base into its head, with `changes` on top, and pushes it
   * (a plain, non-forced push): every path both sides changed takes the
   * `keep` side — the agent's own (`head`) when it fixes its pull request,
   * the base's when it resolves another's — and the head's changes stand
   * elsewhere. Undefined when the head is not behind its base.
   */
  private mergeBase(repo: Repo, pull: PullRequest, keep: "head" | "base", changes: Record<string, string> = {}): { sha: string; dropped: string[] } | undefined {
    const baseSha = repo.refs.get(`refs/heads/${pull.base.ref}`);
    if (baseSha === undefined) return undefined;
    const comparison = compareCommits({ store: this.store, base: baseSha, head: pull.head.sha });
    if (comparison.behindBy === 0) return undefined;
    const tree = new Map(this.store.ops.git.requireCommit(baseSha).tree);
    for (const [path, blob] of comparison.headChanges) {
      if (keep === "base" && comparison.baseChanges.has(path)) continue;
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
    return { sha: commit.sha, dropped: keep === "base" ? [...comparison.conflicts].sort() : [] };
  }

  /**
   * Resolves another's pull request's merge conflict, as the Claude action does
   * when asked on a pull request (https://github.com/anthropics/claude-code-action/blob/main/docs/usage.md):
   * 👀 on the request, then a merge of the PR's base into its head that keeps
   * the base's side of every path both changed, pushed as the agent, and a
   * comment naming what of the head's work was dropped.
   */
  private resolve(resolution: AgentResolution, report: AgentWorkReport): void {
    const repo = this.repoOf(resolution);
    const pull = repo.pulls.get(resolution.pull);
    const open = pull !== undefined && !pull.merged && repo.issues.get(pull.number)?.state === "open" && repo.refs.has(`refs/heads/${pull.head.ref}`);
    if (!pull || !open) {
      resolution.state = "ignored";
      return;
    }
    if (this.settings.requests.from !== "bots" && repo.comments.has(resolution.commentId)) {
      this.store.ops.reactions.add({ actor: this.account, repo, target: { kind: "comment", commentId: resolution.commentId }, content: "eyes" });
    }
    const say = (body: string): void => void this.store.ops.comments.create({ actor: this.account, repo, number: pull.number, body });
    if (this.shouldFail()) {
      say(`${this.name} could not resolve the merge conflict with \`${pull.base.ref}\`; nothing was pushed.`);
      resolution.state = "failed";
      return;
    }
    const merged = this.mergeBase(repo, pull, "base");
    if (!merged) {
      say(`\`${pull.head.ref}\` is not behind \`${pull.base.ref}\`: there was nothing to merge.`);
    } else {
      const kept = merged.dropped.length > 0 ? `kept \`${pull.base.ref}\`'s side of: ${merged.dropped.map((path) => `\`${path}\``).join(", ")}` : "nothing was dropped";
      say(`Merged \`${pull.base.ref}\` into \`${pull.head.ref}\`; ${kept}.`);
      resolution.commit = merged.sha;
      resolution.dropped = merged.dropped;
    }
    resolution.state = "resolved";
    report.resolved.push(resolution);
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
