import type { Store } from "../store.js";
import type { Account, App, CheckConclusion, CheckOutput, CheckRun, CheckStatus, CheckSuite, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { checkPayload } from "../webhooks/check-payload.js";

/** Suite conclusion precedence: the first one any run has wins. */
const SUITE_PRECEDENCE: CheckConclusion[] = [
  "action_required",
  "timed_out",
  "cancelled",
  "failure",
  "stale",
  "success",
  "neutral",
  "skipped",
];

/** Fields a check run create or update may set. */
export interface CheckRunFields {
  name?: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion;
  startedAt?: Date;
  completedAt?: Date;
  output?: Partial<CheckOutput>;
  externalId?: string | null;
  detailsUrl?: string | null;
}

/** Check runs and the suites that group them (one suite per app and head sha). */
export class CheckMutations {
  constructor(private readonly store: Store) {}

  /** The account that sends check events for `app` (GitHub Actions' bot for the CI actor). */
  senderFor(app: App | null): Account {
    return app?.bot ?? this.store.ops.accounts.createUser({ login: "github-actions[bot]", type: "Bot", name: "GitHub Actions" });
  }

  /** Creates a check run; emits `check_run.created` (and `completed`, plus the suite's, when it is born finished). */
  create(params: { app: App | null; repo: Repo; headSha: string; name: string } & CheckRunFields): CheckRun {
    const { app, repo, headSha } = params;
    if (!this.store.commits.has(headSha)) {
      throw new SandboxError({ status: 422, message: "Validation Failed", errors: [{ resource: "CheckRun", code: "invalid", field: "head_sha" }] });
    }
    const suite = this.suiteFor(app, repo, headSha);
    const now = this.store.now();
    const id = this.store.nextId();
    const completed = params.conclusion !== undefined || params.status === "completed";
    if (params.status === "completed" && params.conclusion === undefined) throw this.missingConclusion();
    const run: CheckRun = {
      id,
      nodeId: this.store.nodeId("CR", id),
      repoId: repo.id,
      suiteId: suite.id,
      name: params.name,
      headSha,
      status: completed ? "completed" : (params.status ?? "queued"),
      conclusion: params.conclusion ?? null,
      startedAt: params.startedAt ?? now,
      completedAt: completed ? (params.completedAt ?? now) : null,
      output: { title: null, summary: null, text: null, ...params.output },
      externalId: params.externalId ?? null,
      detailsUrl: params.detailsUrl ?? null,
      app,
    };
    repo.checkRuns.set(id, run);
    this.store.register({ kind: "CheckRun", value: run });
    const sender = this.senderFor(app);
    this.store.emit(checkPayload({ store: this.store, repo, action: "created", sender, run }));
    if (completed) this.store.emit(checkPayload({ store: this.store, repo, action: "completed", sender, run }));
    this.settle(repo, suite, sender);
    return run;
  }

  /** Updates a check run; emits `check_run.completed` when it finishes. */
  update(params: { repo: Repo; checkRunId: number } & CheckRunFields): CheckRun {
    const { repo } = params;
    const run = repo.checkRuns.get(params.checkRunId);
    if (!run) throw new SandboxError({ status: 404, message: "Not Found" });
    if (params.status === "completed" && params.conclusion === undefined && run.conclusion === null) throw this.missingConclusion();
    const wasCompleted = run.status === "completed";
    if (params.name !== undefined) run.name = params.name;
    if (params.detailsUrl !== undefined) run.detailsUrl = params.detailsUrl;
    if (params.externalId !== undefined) run.externalId = params.externalId;
    if (params.startedAt !== undefined) run.startedAt = params.startedAt;
    if (params.output) run.output = { ...run.output, ...params.output };
    if (params.conclusion !== undefined) {
      run.conclusion = params.conclusion;
      run.status = "completed";
      run.completedAt = params.completedAt ?? this.store.now();
    } else if (params.status !== undefined) {
      run.status = params.status;
    }
    const sender = this.senderFor(run.app);
    if (!wasCompleted && run.status === "completed") {
      this.store.emit(checkPayload({ store: this.store, repo, action: "completed", sender, run }));
    }
    const suite = repo.checkSuites.get(run.suiteId);
    if (suite) this.settle(repo, suite, sender);
    return run;
  }

  private missingConclusion(): SandboxError {
    return new SandboxError({
      status: 422,
      message: "Invalid request.\n\nNo subschema in \"anyOf\" matched.\n\"conclusion\" wasn't supplied.",
    });
  }

  private suiteFor(app: App | null, repo: Repo, headSha: string): CheckSuite {
    const existing = [...repo.checkSuites.values()].find((s) => s.headSha === headSha && (s.app?.id ?? null) === (app?.id ?? null));
    if (existing) return existing;
    const id = this.store.nextId();
    const now = this.store.now();
    const branch = [...repo.refs].find(([ref, sha]) => sha === headSha && ref.startsWith("refs/heads/"));
    const suite: CheckSuite = {
      id,
      nodeId: this.store.nodeId("CS", id),
      repoId: repo.id,
      headSha,
      headBranch: branch ? branch[0].slice("refs/heads/".length) : null,
      app,
      status: "queued",
      conclusion: null,
      createdAt: now,
      updatedAt: now,
    };
    repo.checkSuites.set(id, suite);
    this.store.register({ kind: "CheckSuite", value: suite });
    return suite;
  }

  /** Rolls the suite up from its runs; emits `check_suite.completed` when the last run finishes. */
  private settle(repo: Repo, suite: CheckSuite, sender: Account): void {
    const runs = [...repo.checkRuns.values()].filter((r) => r.suiteId === suite.id);
    const wasCompleted = suite.status === "completed";
    const allDone = runs.length > 0 && runs.every((r) => r.status === "completed");
    suite.updatedAt = this.store.now();
    if (allDone) {
      const conclusions = new Set(runs.map((r) => r.conclusion));
      suite.status = "completed";
      suite.conclusion = SUITE_PRECEDENCE.find((c) => conclusions.has(c)) ?? "neutral";
    } else {
      suite.status = runs.some((r) => r.status === "in_progress") ? "in_progress" : "queued";
      suite.conclusion = null;
    }
    if (allDone && !wasCompleted) this.store.emit(checkPayload({ store: this.store, repo, action: "completed", sender, suite }));
    this.store.ops.pulls.onChecksChanged({ repo, sha: suite.headSha });
  }
}
