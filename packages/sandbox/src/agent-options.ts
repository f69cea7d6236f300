/**
 * Settings of the sandbox's simulated coding agents, and presets imitating
 * the agents Factory dispatches to (Jules, Copilot, the Claude action,
 * OpenHands, Codex) as their vendors document them. See `agent-actor.ts`
 * for how an agent behaves.
 */

/** How an agent is handed an issue — the same shapes as Factory's config `trigger`. */
export type AgentTrigger =
  | { type: "label"; label: string }
  | { type: "assignee"; login: string }
  | { type: "mention"; mention: string };

/** The agents the sandbox imitates out of the box. */
export type AgentPresetName = "jules" | "copilot" | "claude" | "openhands" | "codex";

/**
 * Which comments on the agent's own open pull request it takes as a fix
 * request ("Can you fix the failing checks / code reviews / merge
 * conflict"). The vendors' agents act on what people write and ignore bots;
 * Factory's own tests began with agents that answer Factory's bot, which
 * stays the default for agents without a preset.
 */
export interface AgentRequestRules {
  /** Whose comments count: Bot accounts only (`bots`), everyone else only (`people`), or both. */
  from: "bots" | "people" | "anyone";
  /** The comment must mention this (e.g. `@copilot`) as a whole word, as GitHub links mentions. */
  mention?: string;
  /** The sender must be able to push: write, maintain or admin for a person; an installation with `contents: write` for an app's bot. */
  writersOnly?: boolean;
}

/** The issue an agent names its branch after. */
export interface AgentIssueRef {
  number: number;
  title: string;
}

/** Everything that shapes one simulated agent. */
export interface AgentSettings {
  /** What the agent calls itself in comments, and how `sandbox.agent(name)` finds it. Default: the preset name, else the login. */
  name?: string;
  /** The account the agent acts as (created when missing). */
  login: string;
  /** The account's type when it has to be created. Default: `Bot` for a `…[bot]` login, else `User`. */
  type?: "User" | "Bot";
  /** What hands the agent an issue. */
  trigger: AgentTrigger;
  /** Ignore triggers whose sender is a Bot account (Jules ignores labels added by bots); they are listed in `agent.ignored`. Default false. */
  ignoreBotTriggers?: boolean;
  /**
   * Wait for a ``Target branch: `…` `` comment on the issue before working
   * (default true). When false, a task without that comment is done on the
   * default branch the next time the agent works.
   */
  requireTargetComment?: boolean;
  /** Every Nth piece of work (task or nudge answer, counted from 1) fails. 0 or absent: never. */
  failEvery?: number;
  /** Answer Factory's "Can you fix …" comments with a new commit. Default true. */
  answersNudges?: boolean;
  /**
   * Which "Can you fix …" comments count (see {@link AgentRequestRules}).
   * Default `{ from: "bots" }`. Given with a preset, it replaces the
   * preset's rules as a whole. Comments that fail them are listed in
   * `agent.ignoredRequests`. Agents that take requests from people
   * acknowledge each one they take with a 👀 reaction, as Jules, Copilot and
   * Codex do.
   */
  requests?: AgentRequestRules;
  /**
   * React 👀 on the issue as soon as a task is taken, before any pull
   * request: the sign of pick-up Jules gives within seconds of its label.
   * Default false.
   */
  acknowledgesTasks?: boolean;
  /**
   * Take the base branch from the assignment that triggered the task
   * (`agent_assignment.base_branch` of `POST /issues/{n}/assignees`), else
   * the default branch; target comments on the issue never change it, as
   * Copilot ignores comments added after it was assigned. Only tasks
   * triggered by an assignment are concerned. Default false.
   */
  baseFromAssignment?: boolean;
  /** `manual` (default): work only on `await agent.work()`. `auto`: work on its own shortly after a trigger, target comment or nudge. */
  mode?: "manual" | "auto";
  /** In `auto` mode, how long to wait before working (ms). 0 (default): on the next `setImmediate`. */
  autoDelayMs?: number;
  /** The branch the agent creates for an issue (made unique with `-2`, `-3`, … when taken). */
  branchName?: (issue: AgentIssueRef) => string;
  /** The closing keyword in the PR body (`Closes #N`). Default `Fixes`. */
  closingKeyword?: "Closes" | "Fixes" | "Resolves";
  /** Open pull requests as drafts. Default false. */
  draft?: boolean;
  /** Repositories (`owner/name`) the agent watches. Default: every repository. */
  repos?: string[];
  /**
   * How many tasks the agent runs at once (tasks `pending` or `open`, across
   * every repository). A trigger above it is turned down with a comment on the
   * issue and listed in `agent.ignored` as `at-capacity`, as Jules answers a
   * label over its plan's concurrent-task limit
   * (https://jules.google/docs/usage-limits/). Default: unlimited.
   */
  concurrency?: number;
  /**
   * Answer "Can you resolve the merge conflict …" comments on open pull
   * requests the agent did not open (checked against `requests`) by merging
   * the base into the head, keeping the base's side where both changed —
   * the Claude action answers `@claude` on any pull request
   * (https://github.com/anthropics/claude-code-action/blob/main/docs/usage.md).
   * Default false.
   */
  resolvesConflicts?: boolean;
}

/** `addAgent`'s argument: complete settings, or a preset with overrides. */
export type AgentOptions = (AgentSettings & { preset?: undefined }) | (Partial<AgentSettings> & { preset: AgentPresetName });

/** Request rules with every default filled in; `mention: null` asks for none. */
export interface ResolvedAgentRequestRules {
  from: AgentRequestRules["from"];
  mention: string | null;
  writersOnly: boolean;
}

/** Settings with every default filled in. */
export type ResolvedAgentSettings = Required<Omit<AgentSettings, "repos" | "requests" | "concurrency">> & {
  repos: string[] | null;
  /** null: unlimited. */
  concurrency: number | null;
  requests: ResolvedAgentRequestRules;
};

const REQUEST_SOURCES: readonly AgentRequestRules["from"][] = ["bots", "people", "anyone"];

/** A branch-name-safe slug of an issue title (`Add rate limiting!` → `add-rate-limiting`), cut at a word to at most `max` characters. */
export function slugify(title: string, max = 40): string {
  let slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length > max) {
    const cut = slug.slice(0, max + 1);
    const end = cut.lastIndexOf("-");
    slug = end > 0 ? cut.slice(0, end) : slug.slice(0, max);
  }
  return slug === "" ? "task" : slug;
}

/**
 * How the real agents look from GitHub, and what their vendors document:
 *
 * - Jules opens PRs as its app's bot, ignores labels added by bots, and
 *   acts on (and reacts 👀 to) comments people leave on the pull requests it
 *   created (https://jules.google/docs/changelog/).
 * - Copilot is the `Copilot` Bot account the sandbox already offers in
 *   `suggestedActors`. Assigning it needs a user token, so an assignment made
 *   by a bot is ignored. It starts at once from the branch the assignment
 *   names (`agent_assignment.base_branch`), else the default branch, and does
 *   not read comments added to the issue after it was assigned
 *   (https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/create-a-pr).
 *   On its pull request it acts only on comments mentioning `@copilot` by
 *   people with write access
 *   (https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/make-changes-to-an-existing-pr).
 * - The Claude action answers `@claude` from people with write access and
 *   ignores bots unless they are in `allowed_bots`
 *   (https://github.com/anthropics/claude-code-action/blob/main/docs/security.md),
 *   on any issue or pull request — including resolving a merge conflict on a
 *   pull request someone else opened
 *   (https://github.com/anthropics/claude-code-action/blob/main/docs/usage.md).
 * - OpenHands' resolver watches `fix-me`, and takes `@openhands-agent`
 *   comments only from owners, collaborators and members
 *   (https://docs.openhands.dev/usage/how-to/github-action).
 * - Codex answers `@codex` from people, as its connector's bot; Factory's
 *   mention carries the ``Target branch: `…` `` line it works from
 *   (https://developers.openai.com/codex/integrations/github).
 */
export const AGENT_PRESETS: Readonly<Record<AgentPresetName, AgentSettings>> = {
  jules: {
    name: "jules",
    login: "google-labs-jules[bot]",
    type: "Bot",
    trigger: { type: "label", label: "jules" },
    ignoreBotTriggers: true,
    acknowledgesTasks: true,
    requests: { from: "people" },
    branchName: (issue) => `jules/${issue.number}-${slugify(issue.title)}`,
    closingKeyword: "Fixes",
  },
  copilot: {
    name: "copilot",
    login: "Copilot",
    type: "Bot",
    trigger: { type: "assignee", login: "Copilot" },
    ignoreBotTriggers: true,
    requireTargetComment: false,
    baseFromAssignment: true,
    requests: { from: "people", mention: "@copilot", writersOnly: true },
    branchName: (issue) => `copilot/fix-${issue.number}`,
    closingKeyword: "Closes",
  },
  claude: {
    name: "claude",
    login: "claude[bot]",
    type: "Bot",
    trigger: { type: "mention", mention: "@claude" },
    ignoreBotTriggers: true,
    requests: { from: "people", mention: "@claude", writersOnly: true },
    resolvesConflicts: true,
    branchName: (issue) => `claude/issue-${issue.number}-${slugify(issue.title, 30)}`,
    closingKeyword: "Fixes",
  },
  openhands: {
    name: "openhands",
    login: "openhands-agent",
    type: "User",
    trigger: { type: "label", label: "fix-me" },
    ignoreBotTriggers: false,
    requests: { from: "people", mention: "@openhands-agent", writersOnly: true },
    branchName: (issue) => `openhands-fix-issue-${issue.number}`,
    closingKeyword: "Fixes",
  },
  codex: {
    name: "codex",
    login: "chatgpt-codex-connector[bot]",
    type: "Bot",
    trigger: { type: "mention", mention: "@codex" },
    ignoreBotTriggers: true,
    requests: { from: "people", mention: "@codex" },
    branchName: (issue) => `codex/issue-${issue.number}-${slugify(issue.title)}`,
    closingKeyword: "Fixes",
  },
};

/** Fills in a preset and the defaults; throws when `login` or `trigger` is missing or a setting is out of range. */
export function resolveAgentSettings(options: AgentOptions | AgentPresetName): ResolvedAgentSettings {
  const given: Partial<AgentSettings> & { preset?: AgentPresetName } = typeof options === "string" ? { preset: options } : options;
  const { preset, ...overrides } = given;
  const merged: Partial<AgentSettings> = { ...(preset ? AGENT_PRESETS[preset] : {}), ...stripUndefined(overrides) };
  const { login, trigger } = merged;
  if (!login || !trigger) throw new Error("sandbox agent: `login` and `trigger` are required without a preset");
  const failEvery = merged.failEvery ?? 0;
  if (!Number.isInteger(failEvery) || failEvery < 0) throw new Error(`sandbox agent: failEvery must be a whole number ≥ 0, got ${failEvery}`);
  const autoDelayMs = merged.autoDelayMs ?? 0;
  if (!(autoDelayMs >= 0)) throw new Error(`sandbox agent: autoDelayMs must be ≥ 0, got ${autoDelayMs}`);
  const concurrency = merged.concurrency ?? null;
  if (concurrency !== null && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new Error(`sandbox agent: concurrency must be a whole number ≥ 1, got ${concurrency}`);
  }
  const requests = merged.requests ?? { from: "bots" };
  if (!REQUEST_SOURCES.includes(requests.from)) throw new Error(`sandbox agent: requests.from must be one of ${REQUEST_SOURCES.join(", ")}, got ${String(requests.from)}`);
  if (requests.mention !== undefined && requests.mention.trim() === "") throw new Error("sandbox agent: requests.mention must not be empty");
  return {
    name: merged.name ?? preset ?? login,
    login,
    type: merged.type ?? (login.endsWith("[bot]") ? "Bot" : "User"),
    trigger,
    ignoreBotTriggers: merged.ignoreBotTriggers ?? false,
    requireTargetComment: merged.requireTargetComment ?? true,
    failEvery,
    answersNudges: merged.answersNudges ?? true,
    requests: { from: requests.from, mention: requests.mention ?? null, writersOnly: requests.writersOnly ?? false },
    baseFromAssignment: merged.baseFromAssignment ?? false,
    acknowledgesTasks: merged.acknowledgesTasks ?? false,
    mode: merged.mode ?? "manual",
    autoDelayMs,
    branchName: merged.branchName ?? ((issue) => `${slugify(login.replace(/\[bot\]$/, ""))}/issue-${issue.number}-${slugify(issue.title)}`),
    closingKeyword: merged.closingKeyword ?? "Fixes",
    draft: merged.draft ?? false,
    repos: merged.repos ? merged.repos.map((repo) => repo.toLowerCase()) : null,
    concurrency,
    resolvesConflicts: merged.resolvesConflicts ?? false,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
