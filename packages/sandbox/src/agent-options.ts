/**
 * Settings of the sandbox's simulated coding agents, and presets imitating
 * the agents Factory dispatches to (Jules, Copilot, the Claude action,
 * OpenHands). See `agent-actor.ts` for how an agent behaves.
 */

/** How an agent is handed an issue — the same shapes as Factory's config `trigger`. */
export type AgentTrigger =
  | { type: "label"; label: string }
  | { type: "assignee"; login: string }
  | { type: "mention"; mention: string };

/** The agents the sandbox imitates out of the box. */
export type AgentPresetName = "jules" | "copilot" | "claude" | "openhands";

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
}

/** `addAgent`'s argument: complete settings, or a preset with overrides. */
export type AgentOptions = (AgentSettings & { preset?: undefined }) | (Partial<AgentSettings> & { preset: AgentPresetName });

/** Settings with every default filled in. */
export type ResolvedAgentSettings = Required<Omit<AgentSettings, "repos">> & { repos: string[] | null };

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
 * How the real agents look from GitHub: Jules opens PRs as its app's bot and
 * ignores labels added by bots; Copilot is the `Copilot` Bot account the
 * sandbox already offers in `suggestedActors` (assigning it needs a user
 * token, so an assignment made by a bot is ignored); the Claude action answers
 * `@claude` and ignores bots unless allowed; OpenHands' resolver watches
 * `fix-me`.
 */
export const AGENT_PRESETS: Readonly<Record<AgentPresetName, AgentSettings>> = {
  jules: {
    name: "jules",
    login: "google-labs-jules[bot]",
    type: "Bot",
    trigger: { type: "label", label: "jules" },
    ignoreBotTriggers: true,
    branchName: (issue) => `jules/${issue.number}-${slugify(issue.title)}`,
    closingKeyword: "Fixes",
  },
  copilot: {
    name: "copilot",
    login: "Copilot",
    type: "Bot",
    trigger: { type: "assignee", login: "Copilot" },
    ignoreBotTriggers: true,
    branchName: (issue) => `copilot/fix-${issue.number}`,
    closingKeyword: "Closes",
  },
  claude: {
    name: "claude",
    login: "claude[bot]",
    type: "Bot",
    trigger: { type: "mention", mention: "@claude" },
    ignoreBotTriggers: true,
    branchName: (issue) => `claude/issue-${issue.number}-${slugify(issue.title, 30)}`,
    closingKeyword: "Fixes",
  },
  openhands: {
    name: "openhands",
    login: "openhands-agent",
    type: "User",
    trigger: { type: "label", label: "fix-me" },
    ignoreBotTriggers: false,
    branchName: (issue) => `openhands-fix-issue-${issue.number}`,
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
  return {
    name: merged.name ?? preset ?? login,
    login,
    type: merged.type ?? (login.endsWith("[bot]") ? "Bot" : "User"),
    trigger,
    ignoreBotTriggers: merged.ignoreBotTriggers ?? false,
    requireTargetComment: merged.requireTargetComment ?? true,
    failEvery,
    answersNudges: merged.answersNudges ?? true,
    mode: merged.mode ?? "manual",
    autoDelayMs,
    branchName: merged.branchName ?? ((issue) => `${slugify(login.replace(/\[bot\]$/, ""))}/issue-${issue.number}-${slugify(issue.title)}`),
    closingKeyword: merged.closingKeyword ?? "Fixes",
    draft: merged.draft ?? false,
    repos: merged.repos ? merged.repos.map((repo) => repo.toLowerCase()) : null,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
