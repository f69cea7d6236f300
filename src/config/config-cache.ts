import type { Logger } from "probot";
import type { Clock } from "../github/clock.js";
import type { SharedState } from "../queue/shared-state.js";
import { loadConfig, type ConfigOctokit, type LoadConfigResult } from "./load-config.js";

/** How long a loaded config is used without reading it again, when no push said it changed. */
export const CONFIG_TTL_MS = 5 * 60_000;

/**
 * Configs this process loaded, so the background jobs a burst of webhooks
 * causes do not each read `.github/factory.yml`, the file it extends and the
 * organisation's (two or three requests a job). A push that may change a
 * config forgets every config of that owner ({@link configPushed}), and an
 * entry is read again after {@link CONFIG_TTL_MS} anyway, in case that push
 * was never delivered.
 * Commands always read afresh: a maintainer who just fixed the file sees it.
 *
 * With several instances, the push reaches one of them: each owner then has
 * a generation in the shared `state`, which the push moves on, and an entry
 * loaded under an older generation is read again (one small Redis read per
 * job, against two or three GitHub requests).
 */
export class ConfigCache {
  private readonly entries = new Map<string, { result: LoadConfigResult; at: number; generation: string }>();

  /** `log` is told, once per read, of settings a repository's file asked for that only the organisation may set. */
  constructor(private readonly deps: { clock: Clock; ttlMs?: number; maxEntries?: number; log?: Pick<Logger, "warn">; state?: SharedState }) {}

  /** The repository's config: remembered while young, else loaded (and remembered). */
  async load(params: { octokit: ConfigOctokit; owner: string; repo: string; fresh?: boolean }): Promise<LoadConfigResult> {
    const key = `${params.owner}/${params.repo}`.toLowerCase();
    const now = this.deps.clock.now().getTime();
    const entry = this.entries.get(key);
    const generation = (await this.deps.state?.get(generationKey(params.owner))) ?? "0";
    if (!params.fresh && entry && entry.generation === generation && now - entry.at < (this.deps.ttlMs ?? CONFIG_TTL_MS) && now >= entry.at) return entry.result;
    const result = await loadConfig(params);
    if (result.ok) {
      for (const warning of result.warnings) {
        this.deps.log?.warn({ repo: key, file: warning.file, key: warning.key, line: warning.line }, warning.message);
      }
    }
    this.entries.delete(key);
    this.entries.set(key, { result, at: now, generation });
    while (this.entries.size > (this.deps.maxEntries ?? 5_000)) this.entries.delete(this.entries.keys().next().value as string);
    return result;
  }

  /** Forgets every config of `owner`, on every instance: one of its files changed, and any repository may extend it. */
  async forgetOwner(owner: string): Promise<void> {
    const prefix = `${owner}/`.toLowerCase();
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
    await this.deps.state?.add(generationKey(owner), 1, GENERATION_TTL_MS);
  }
}

/** How long an owner's config generation is kept: far longer than an entry lives, so an expired one cannot bring back an old entry. */
const GENERATION_TTL_MS = 24 * 60 * 60_000;

function generationKey(owner: string): string {
  return `config-generation:${owner.toLowerCase()}`;
}

/** What {@link configPushed} reads of a push payload. */
export interface PushLike {
  ref?: string;
  repository?: { default_branch?: string };
  commits?: Array<{ added?: string[]; modified?: string[]; removed?: string[] }>;
}

/**
 * Whether a push may have changed a Factory config: a push to the default
 * branch that touches a `factory.yml`, or whose commits the payload does not
 * list (a new or force-pushed branch), to be safe.
 */
export function configPushed(payload: PushLike): boolean {
  const branch = payload.repository?.default_branch;
  if (!branch || payload.ref !== `refs/heads/${branch}`) return false;
  const commits = payload.commits ?? [];
  if (commits.length === 0) return true;
  return commits.some((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].some((path) => /(^|\/)factory\.ya?ml$/i.test(path)));
}

/** Loads through `cache` when there is one (the app has; tests and the CLI may not). */
export function loadThrough(cache: ConfigCache | undefined, params: { octokit: ConfigOctokit; owner: string; repo: string; fresh?: boolean }): Promise<LoadConfigResult> {
  return cache ? cache.load(params) : loadConfig(params);
}
