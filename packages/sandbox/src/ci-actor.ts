import type { Store } from "./store.js";
import type { CheckConclusion, CheckRun, CommitStatus, CommitStatusState, StoreEvent } from "./store-types.js";
import type { SandboxClock } from "./sandbox-clock.js";

/** How a repository's CI reports: check runs, commit statuses, or not at all. */
export type CiKind = "checks" | "statuses" | "none";

/** What automatic CI concludes on a head; `pending` never finishes. */
export type CiOutcome = "success" | "failure" | "pending";

/** The automatic CI of one repository (see {@link CiActor.auto}). */
export interface CiAutoOptions {
  owner: string;
  repo: string;
  kind: CiKind;
  /**
   * Sandbox milliseconds from the push to CI registering its pending check
   * runs or statuses — a number, or one per head (e.g. CI whose runners take
   * 30 to 120 seconds to pick a job up).
   */
  delayMs: number | ((sha: string, branch: string) => number);
  /** Sandbox milliseconds from registering to finishing (default: `delayMs`). */
  durationMs?: number;
  /** The check run names or status contexts CI reports (default `["ci"]`). */
  names?: string[];
  /** The outcome for a head and its branch (default: always `success`); `pending` leaves CI pending for good. */
  conclusion?: (sha: string, branch: string) => CiOutcome;
}

/** Pull request actions that put a new head in front of CI: GitHub Actions' `pull_request` trigger. */
const NEW_HEAD_ACTIONS = new Set(["opened", "reopened", "synchronize"]);

/**
 * The CI system: check runs reported under GitHub Actions (no sandbox app),
 * which fire `check_run` / `check_suite` webhooks, and commit statuses, which
 * fire `status` webhooks; both move PRs between `unstable` and `clean`.
 *
 * By hand (`complete`, `start`, `status`) it reports exactly what a test
 * says. In automatic mode (`auto`, per repository) it behaves like real CI:
 * each new head of an open pull request, and each merge group a merge queue
 * builds, gets pending check runs or statuses
 * some sandbox time after the push — so the `push` and `synchronize`
 * webhooks arrive first, and for a while nothing has been reported at all —
 * and their outcome later still; time moves with `sandbox.advance(ms)`.
 */
export class CiActor {
  /** Exceptions thrown by automatic CI (it runs detached from any caller). */
  readonly errors: string[] = [];
  private readonly autos = new Map<number, { options: CiAutoOptions; cancels: Set<() => void>; seen: Set<string> }>();

  constructor(
    private readonly store: Store,
    private readonly clock: SandboxClock,
  ) {
    store.onEvent((event) => this.onEvent(event));
  }

  /**
   * Reports a finished check run on `sha` (a commit sha or branch name); a
   * run of the same name already in progress there is completed instead.
   */
  complete(params: {
    owner: string;
    repo: string;
    sha: string;
    name: string;
    conclusion: CheckConclusion;
    title?: string;
    summary?: string;
  }): CheckRun {
    const repo = this.store.requireRepo(params.owner, params.repo);
    const headSha = this.resolve(params.owner, params.repo, params.sha);
    const output = { title: params.title ?? params.name, summary: params.summary ?? `${params.name}: ${params.conclusion}` };
    const running = [...repo.checkRuns.values()].find(
      (r) => r.app === null && r.headSha === headSha && r.name === params.name && r.status !== "completed",
    );
    if (running) return this.store.ops.checks.update({ repo, checkRunId: running.id, conclusion: params.conclusion, output });
    return this.store.ops.checks.create({ app: null, repo, headSha, name: params.name, conclusion: params.conclusion, output });
  }

  /** Reports a check run that has started and not finished. */
  start(params: { owner: string; repo: string; sha: string; name: string }): CheckRun {
    const repo = this.store.requireRepo(params.owner, params.repo);
    return this.store.ops.checks.create({
      app: null,
      repo,
      headSha: this.resolve(params.owner, params.repo, params.sha),
      name: params.name,
      status: "in_progress",
    });
  }

  /**
   * Posts a commit status on `sha` (a commit sha or branch name), as CI that
   * reports through statuses does — by default as GitHub Actions' bot, or as
   * the account `creator`. Each call is a new status; the latest per context
   * counts.
   */
  status(params: {
    owner: string;
    repo: string;
    sha: string;
    context: string;
    state: CommitStatusState;
    description?: string;
    targetUrl?: string;
    creator?: string;
  }): CommitStatus {
    const repo = this.store.requireRepo(params.owner, params.repo);
    return this.store.ops.statuses.create({
      actor: params.creator ? this.store.requireAccount(params.creator) : this.store.ops.checks.senderFor(null),
      repo,
      sha: this.resolve(params.owner, params.repo, params.sha),
      state: params.state,
      context: params.context,
      description: params.description ?? `${params.context}: ${params.state}`,
      targetUrl: params.targetUrl ?? null,
    });
  }

  /**
   * Switches a repository's automatic CI on (`checks`, `statuses`) or to
   * "this repository has no CI" (`none`), replacing any earlier setting and
   * cancelling its scheduled work. Each new head of an open pull request
   * (opened, reopened, pushed to) then gets, `delayMs` of sandbox time after
   * the push, one in-progress check run or pending status per name, finished
   * `durationMs` later with the outcome `conclusion` gives. Repositories never
   * switched on behave as before: CI reports only what tests tell it to.
   */
  auto(options: CiAutoOptions): void {
    const repo = this.store.requireRepo(options.owner, options.repo);
    this.off(repo.id);
    this.autos.set(repo.id, { options, cancels: new Set(), seen: new Set() });
  }

  private off(repoId: number): void {
    const current = this.autos.get(repoId);
    for (const cancel of current?.cancels ?? []) cancel();
    this.autos.delete(repoId);
  }

  private onEvent(event: StoreEvent): void {
    if (event.repoId === null) return;
    const head = this.newHead(event);
    if (head === undefined) return;
    const auto = this.autos.get(event.repoId);
    if (auto === undefined || auto.options.kind === "none") return;
    const { sha, branch } = head;
    // One CI run per head, however many pull requests or events name it.
    if (auto.seen.has(sha)) return;
    auto.seen.add(sha);
    const delayMs = typeof auto.options.delayMs === "function" ? auto.options.delayMs(sha, branch) : auto.options.delayMs;
    this.later(auto, delayMs, () => {
      this.report(auto.options, sha, "pending");
      const outcome = auto.options.conclusion?.(sha, branch) ?? "success";
      if (outcome === "pending") return;
      this.later(auto, auto.options.durationMs ?? delayMs, () => this.report(auto.options, sha, outcome));
    });
  }

  /**
   * The commit a CI run is wanted on: a pull request's new head (GitHub
   * Actions' `pull_request` trigger), or a merge group the merge queue built
   * (`merge_group.checks_requested`, https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#merge_group).
   */
  private newHead(event: StoreEvent): { sha: string; branch: string } | undefined {
    if (event.name === "merge_group" && event.payload.action === "checks_requested") {
      const group = event.payload.merge_group as { head_sha: string; head_ref: string };
      return { sha: group.head_sha, branch: group.head_ref.replace(/^refs\/heads\//, "") };
    }
    if (event.name !== "pull_request" || !NEW_HEAD_ACTIONS.has(String(event.payload.action))) return undefined;
    const pull = this.store.repoById(event.repoId as number).pulls.get(Number(event.payload.number));
    return pull === undefined ? undefined : { sha: pull.head.sha, branch: pull.head.ref };
  }

  /** Schedules `run` on the sandbox clock, cancellable with the repository's setting. */
  private later(auto: { cancels: Set<() => void> }, delayMs: number, run: () => void): void {
    const cancel = this.clock.schedule(delayMs, () => {
      auto.cancels.delete(cancel);
      try {
        run();
      } catch (error) {
        this.errors.push(error instanceof Error ? error.message : String(error));
      }
    });
    auto.cancels.add(cancel);
  }

  private report(options: CiAutoOptions, sha: string, state: CiOutcome): void {
    const { owner, repo } = options;
    for (const name of options.names ?? ["ci"]) {
      if (options.kind === "statuses") this.status({ owner, repo, sha, context: name, state });
      else if (state === "pending") this.start({ owner, repo, sha, name });
      else this.complete({ owner, repo, sha, name, conclusion: state });
    }
  }

  private resolve(owner: string, name: string, shaOrBranch: string): string {
    const repo = this.store.requireRepo(owner, name);
    return repo.refs.get(`refs/heads/${shaOrBranch}`) ?? shaOrBranch;
  }
}
