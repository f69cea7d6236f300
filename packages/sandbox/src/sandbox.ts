import { Store } from "./store.js";
import type { Account, AccountType, OrgRole, Permission, Repo, RepoMergeSettings, SandboxProfile } from "./store-types.js";
import { SandboxAuth } from "./auth.js";
import { Faults } from "./faults.js";
import { RequestLog } from "./request-log.js";
import { DEFAULT_SECONDARY_RATE_LIMIT_RESPONSE, RateLimiter, type SecondaryRateLimitResponse } from "./rate-limiter.js";
import { RequestGate } from "./request-gate.js";
import { RestRouter } from "./rest/rest-router.js";
import { WebhookDispatcher } from "./webhooks/webhook-dispatcher.js";
import { createFetchTransport, type FetchLike } from "./fetch-transport.js";
import { HttpServer, type ListeningAddress } from "./http-server.js";
import { SandboxActor } from "./actors.js";
import { CiActor } from "./ci-actor.js";
import { SandboxClock } from "./sandbox-clock.js";
import { AgentActor } from "./agent-actor.js";
import { resolveAgentSettings, type AgentOptions, type AgentPresetName } from "./agent-options.js";
import { JulesApi } from "./jules-api/jules-api.js";
import { SandboxInspector, type InspectedComment, type InspectedReaction, type SandboxSnapshot } from "./sandbox-inspector.js";

/** Options for a new sandbox. */
export interface SandboxOptions {
  /** The clock for every timestamp and rate-limit window (default: real time). */
  now?: () => Date;
  /** Record route/schema problems (unknown routes, rejected bodies, unimplemented endpoints) as violations. Default true. */
  strict?: boolean;
  /** Check every webhook payload against GitHub's webhook schemas. Default true. */
  validateWebhooks?: boolean;
  /**
   * Check every REST answer's JSON body against GitHub's response schema for
   * its operation and status, recording mismatches as violations. Default:
   * {@link strict}.
   */
  validateResponses?: boolean;
  /** Enforce secondary rate limits on content creation (REST writes and GraphQL mutations). Default false. */
  secondaryRateLimits?: boolean;
  /**
   * How a secondary rate limit is answered: GitHub sends 403 or 429, with or
   * without `retry-after`
   * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).
   * Default `{ status: 403, retryAfter: true }`.
   */
  secondaryRateLimitResponse?: SecondaryRateLimitResponse;
  /**
   * How faithfully merge rules are modelled. `"kind"` (default): review
   * decisions and merge states without branch protection, mergeability known
   * at once, auto-merge allowed. `"production"`: as github.com — branch
   * protection decides `reviewDecision` and `mergeStateStatus`, mergeability
   * is unknown for {@link mergeabilityDelayMs} after a push, auto-merge is off
   * until the repository allows it and refuses with GitHub's messages.
   */
  profile?: SandboxProfile;
  /** Production profile: how long mergeability stays unknown after a push to a PR's head or base, in sandbox milliseconds. Default 3000. */
  mergeabilityDelayMs?: number;
}

/** What `createApp` hands back: what the app process needs to run. */
export interface SandboxAppCredentials {
  id: number;
  slug: string;
  name: string;
  clientId: string;
  /** PEM, what the app is given as `PRIVATE_KEY`. */
  privateKey: string;
  webhookSecret: string;
}

/**
 * An in-memory GitHub for tests, the demo and benchmarks: REST checked
 * against GitHub's OpenAPI description, GraphQL, signed webhooks, GitHub's
 * limits and injectable faults, actors to drive stories (people, CI and
 * simulated coding agents), and two transports
 * (`sandbox.fetch` in-process, `sandbox.listen()` over loopback HTTP).
 */
export class Sandbox {
  /** The state, shared by every view (REST, GraphQL, webhooks, actors). */
  readonly store: Store;
  /** Everything the sandbox saw that GitHub would reject or never send; tests assert it stays empty. */
  readonly violations: string[] = [];
  /** Request counts and log. */
  readonly requests = new RequestLog();
  /** Injected REST/GraphQL faults. */
  readonly faults = new Faults();
  /** Webhook deliveries, their targets and their faults. */
  readonly webhooks: WebhookDispatcher;
  /** The CI actor (check runs under GitHub Actions, commit statuses; by hand or automatic per repository). */
  readonly ci: CiActor;
  /** Sandbox time and the work scheduled in it (automatic CI); move it with {@link advance}. */
  readonly clock: SandboxClock;
  /** The in-process transport: pass as Octokit's `request.fetch`. */
  readonly fetch: FetchLike;

  private readonly agentList: AgentActor[] = [];
  private julesApiInstance: JulesApi | undefined;
  private readonly auth: SandboxAuth;
  private readonly limiter: RateLimiter;
  private readonly inspector: SandboxInspector;
  private readonly server: HttpServer;
  private readonly options: Required<Omit<SandboxOptions, "now" | "profile" | "mergeabilityDelayMs" | "secondaryRateLimitResponse">>;

  constructor(options: SandboxOptions = {}) {
    this.options = {
      strict: options.strict ?? true,
      validateWebhooks: options.validateWebhooks ?? true,
      validateResponses: options.validateResponses ?? options.strict ?? true,
      secondaryRateLimits: options.secondaryRateLimits ?? false,
    };
    this.clock = new SandboxClock(options.now);
    this.store = new Store({
      now: this.clock.now,
      profile: options.profile,
      mergeabilityDelayMs: options.mergeabilityDelayMs,
      schedule: (delayMs, run) => void this.clock.schedule(delayMs, run),
    });
    this.auth = new SandboxAuth(this.store);
    this.limiter = new RateLimiter({ now: this.store.now, secondary: this.options.secondaryRateLimits });
    this.webhooks = new WebhookDispatcher({
      store: this.store,
      violation: (message) => this.violations.push(message),
      validate: () => this.options.validateWebhooks,
    });
    const router = new RestRouter({
      store: this.store,
      auth: this.auth,
      webhooks: this.webhooks,
      limiter: this.limiter,
      log: this.requests,
      violation: (message) => {
        if (this.options.strict) this.violations.push(message);
      },
      responseViolation: this.options.validateResponses ? (message) => this.violations.push(message) : undefined,
    });
    const gate = new RequestGate({
      router,
      auth: this.auth,
      faults: this.faults,
      limiter: this.limiter,
      log: this.requests,
      now: this.store.now,
      secondaryResponse: options.secondaryRateLimitResponse ?? DEFAULT_SECONDARY_RATE_LIMIT_RESPONSE,
    });
    this.fetch = createFetchTransport(gate);
    this.server = new HttpServer(gate);
    this.ci = new CiActor(this.store, this.clock);
    this.inspector = new SandboxInspector(this.store);
  }

  /** The sandbox clock. */
  now(): Date {
    return this.store.now();
  }

  /**
   * Moves sandbox time `ms` on (on top of the injected clock), running the
   * work that falls due on the way — CI registering or finishing checks and
   * statuses — each at its own time. Deliveries it causes are queued as
   * usual: `await sandbox.webhooks.flush()` after it.
   */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** The merge profile this sandbox runs (`kind` or `production`). */
  get profile(): SandboxProfile {
    return this.store.profile;
  }

  /**
   * Production profile: finishes the mergeability computations whose time
   * has come on the sandbox clock, and the auto-merges they unblock. Every
   * request does this first; call it after moving an injected clock by hand.
   */
  settle(): void {
    this.store.ops.pulls.settle();
  }

  /**
   * Protects `branch` as an admin would with `PUT …/branches/{branch}/protection`:
   * `requiredChecks` (check run names or status contexts, any source) with
   * `strict` ("require branches to be up to date"), and `approvals` approving
   * reviews with `dismissStale` (dismiss approvals on push). A review rule
   * exists when `approvals` or `dismissStale` is given (one approval by
   * default); a status check rule when `requiredChecks` or `strict` is.
   */
  protectBranch(params: {
    owner: string;
    repo: string;
    branch: string;
    requiredChecks?: string[];
    strict?: boolean;
    approvals?: number;
    dismissStale?: boolean;
  }): void {
    const repo = this.store.requireRepo(params.owner, params.repo);
    const checks = params.requiredChecks !== undefined || params.strict !== undefined;
    const reviews = params.approvals !== undefined || params.dismissStale !== undefined;
    this.store.ops.protections.protect({
      repo,
      branch: params.branch,
      protection: {
        requiredStatusChecks: checks
          ? { strict: params.strict ?? false, checks: (params.requiredChecks ?? []).map((context) => ({ context, appId: null })) }
          : null,
        requiredPullRequestReviews: reviews
          ? {
              requiredApprovingReviewCount: params.approvals ?? 1,
              dismissStaleReviews: params.dismissStale ?? false,
              requireCodeOwnerReviews: false,
              requireLastPushApproval: false,
            }
          : null,
        enforceAdmins: false,
        extra: {},
      },
    });
  }

  /**
   * Adds an active branch ruleset as an admin would with
   * `POST /repos/{o}/{r}/rulesets`, targeting `include` (default: the default
   * branch) minus `exclude`: a `pull_request` rule when `approvals` or
   * `dismissStale` is given, a `required_status_checks` rule when
   * `requiredChecks` or `strict` is, and a `merge_queue` rule when
   * `mergeQueue` is. Returns the ruleset id.
   */
  addRuleset(params: {
    owner: string;
    repo: string;
    name: string;
    include?: string[];
    exclude?: string[];
    approvals?: number;
    dismissStale?: boolean;
    /** Check names or status contexts from any source, or `{ context, integrationId }` for a check only one app may report. */
    requiredChecks?: Array<string | { context: string; integrationId: number }>;
    strict?: boolean;
    mergeQueue?: { method?: "MERGE" | "SQUASH" | "REBASE"; timeoutMinutes?: number };
  }): number {
    const repo = this.store.requireRepo(params.owner, params.repo);
    const rules: { type: string; parameters?: Record<string, unknown> }[] = [];
    if (params.approvals !== undefined || params.dismissStale !== undefined) {
      rules.push({
        type: "pull_request",
        parameters: {
          required_approving_review_count: params.approvals ?? 1,
          dismiss_stale_reviews_on_push: params.dismissStale ?? false,
          require_code_owner_review: false,
          require_last_push_approval: false,
          required_review_thread_resolution: false,
        },
      });
    }
    if (params.requiredChecks !== undefined || params.strict !== undefined) {
      rules.push({
        type: "required_status_checks",
        parameters: {
          strict_required_status_checks_policy: params.strict ?? false,
          required_status_checks: (params.requiredChecks ?? []).map((check) =>
            typeof check === "string" ? { context: check } : { context: check.context, integration_id: check.integrationId },
          ),
        },
      });
    }
    if (params.mergeQueue) {
      rules.push({
        type: "merge_queue",
        parameters: {
          check_response_timeout_minutes: params.mergeQueue.timeoutMinutes ?? 60,
          grouping_strategy: "ALLGREEN",
          max_entries_to_build: 1,
          max_entries_to_merge: 1,
          merge_method: params.mergeQueue.method ?? "MERGE",
          min_entries_to_merge: 1,
          min_entries_to_merge_wait_minutes: 0,
        },
      });
    }
    return this.store.ops.rulesets.create({
      repo,
      input: { name: params.name, enforcement: "active", include: params.include ?? ["~DEFAULT_BRANCH"], exclude: params.exclude ?? [], rules },
    }).id;
  }

  /** Changes a repository's merge settings as an admin would with `PATCH /repos/{owner}/{repo}`. */
  setMergeSettings(params: { owner: string; repo: string } & Partial<RepoMergeSettings>): void {
    const { owner, repo, ...settings } = params;
    this.store.ops.protections.updateSettings({ repo: this.store.requireRepo(owner, repo), settings });
  }

  /** Turns secondary rate limits on or off. */
  setSecondaryRateLimits(on: boolean): void {
    this.limiter.secondaryEnabled = on;
  }

  /** Creates a user (or bot) account. */
  createUser(login: string, options: { type?: Extract<AccountType, "User" | "Bot">; name?: string } = {}): Account {
    return this.store.ops.accounts.createUser({ login, ...options });
  }

  /** Creates an organisation and its members. */
  createOrg(login: string, options: { members?: { login: string; role?: OrgRole }[] } = {}): Account {
    return this.store.ops.accounts.createOrg({ login, members: options.members });
  }

  /** Creates a repository with an initial commit of `files` on the default branch. */
  createRepo(params: {
    owner: string;
    name: string;
    defaultBranch?: string;
    language?: string;
    private?: boolean;
    description?: string;
    files?: Record<string, string>;
  }): Repo {
    return this.store.ops.accounts.createRepo(params);
  }

  /** Gives a user a permission on a repository. */
  addCollaborator(params: { owner: string; repo: string; login: string; permission: Permission }): void {
    this.store.ops.accounts.addCollaborator(params);
  }

  /** Registers a GitHub App (with a fresh RSA key pair). */
  createApp(params: {
    slug: string;
    name?: string;
    webhookSecret?: string;
    owner?: string;
    permissions?: Record<string, "read" | "write" | "admin">;
    events?: string[];
  }): SandboxAppCredentials {
    const app = this.store.ops.accounts.createApp(params);
    return { id: app.id, slug: app.slug, name: app.name, clientId: app.clientId, privateKey: app.privateKey, webhookSecret: app.webhookSecret };
  }

  /** Installs an app on an account; returns the installation id. */
  installApp(params: { appId: number; account: string; repositories?: string[] }): number {
    return this.store.ops.accounts.installApp(params).id;
  }

  /**
   * Changes what an installation may do, as an owner does when they accept
   * or refuse an app's new permissions; requests check them as they arrive.
   */
  setInstallationPermissions(params: { installationId: number; permissions: Record<string, "read" | "write" | "admin"> }): void {
    const installation = this.store.installations.get(params.installationId);
    if (!installation) throw new Error(`sandbox: no installation ${params.installationId}`);
    installation.permissions = { ...params.permissions };
  }

  /** A personal token acting as `login` (for "act as a member"). */
  createUserToken(login: string): string {
    return this.auth.createUserToken({ login });
  }

  /** An actor performing writes as `login`; webhooks carry them as `sender`. */
  as(login: string): SandboxActor {
    return new SandboxActor(this.store, login);
  }

  /**
   * Adds a simulated coding agent — a preset (`"jules"`, `"copilot"`,
   * `"claude"`, `"openhands"`, `"codex"`), a preset with overrides
   * (`{ preset: "jules", failEvery: 3 }`), or full settings — and returns it.
   * Its account is created when missing. Names must be unique.
   */
  addAgent(options: AgentOptions | AgentPresetName): AgentActor {
    const name = resolveAgentSettings(options).name;
    if (this.agentList.some((agent) => agent.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`sandbox: an agent named ${name} already exists`);
    }
    const agent = new AgentActor(this.store, options);
    this.agentList.push(agent);
    return agent;
  }

  /** The agent with this name or login (case-insensitive); throws when there is none. */
  agent(nameOrLogin: string): AgentActor {
    const key = nameOrLogin.toLowerCase();
    const found = this.agentList.find((agent) => agent.name.toLowerCase() === key || agent.account.login.toLowerCase() === key);
    if (!found) throw new Error(`sandbox: no agent named ${nameOrLogin}`);
    return found;
  }

  /** Every agent added, in order. */
  get agents(): readonly AgentActor[] {
    return this.agentList;
  }

  /**
   * A stand-in for the Jules REST API (`https://jules.googleapis.com/v1alpha`),
   * created on first use: pass `julesApi.fetch` where the app calls Jules,
   * and register keys with `julesApi.addKey(key, owner)`. Sessions hand
   * tasks to the agent named `jules`.
   */
  get julesApi(): JulesApi {
    this.julesApiInstance ??= new JulesApi({
      store: this.store,
      agent: () => this.agentList.find((agent) => agent.name.toLowerCase() === "jules"),
    });
    return this.julesApiInstance;
  }

  /** Issue (or PR) `number` in REST shape. */
  issue(owner: string, repo: string, number: number): ReturnType<SandboxInspector["issue"]> {
    return this.inspector.issue(owner, repo, number);
  }

  /** Every issue and PR of a repository in REST shape. */
  issues(owner: string, repo: string): ReturnType<SandboxInspector["issues"]> {
    return this.inspector.issues(owner, repo);
  }

  /** Pull request `number` in REST shape (after {@link settle}). */
  pull(owner: string, repo: string, number: number): Record<string, unknown> {
    this.settle();
    return this.inspector.pull(owner, repo, number);
  }

  /** Comments on an issue or PR in REST shape, oldest first. */
  comments(owner: string, repo: string, number: number): InspectedComment[] {
    return this.inspector.comments(owner, repo, number);
  }

  /** Reactions on an issue/PR or a comment in REST shape. */
  reactions(owner: string, repo: string, target: { issue: number } | { commentId: number }): InspectedReaction[] {
    return this.inspector.reactions(owner, repo, target);
  }

  /** Repository labels in REST shape. */
  labels(owner: string, repo: string): Record<string, unknown>[] {
    return this.inspector.labels(owner, repo);
  }

  /** Branches with their head shas. */
  branches(owner: string, repo: string): { name: string; sha: string }[] {
    return this.inspector.branches(owner, repo);
  }

  /** A file's text on a branch, or undefined. */
  file(owner: string, repo: string, branch: string, path: string): string | undefined {
    return this.inspector.file(owner, repo, branch, path);
  }

  /** The whole state as plain JSON. */
  snapshot(): SandboxSnapshot {
    return this.inspector.snapshot();
  }

  /** Serves REST under `/api/v3` and GraphQL at `/api/graphql` on 127.0.0.1. */
  listen(params: { port?: number } = {}): Promise<ListeningAddress> {
    return this.server.listen(params);
  }

  /** Stops the HTTP server (if listening). */
  close(): Promise<void> {
    return this.server.close();
  }
}
