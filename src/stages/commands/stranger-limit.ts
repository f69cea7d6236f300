import type { Clock } from "../../github/clock.js";
import type { RepoRef } from "../../github/octokit.js";
import type { SharedState } from "../../queue/shared-state.js";

/** How long one answer to a person without the permission lasts them on an issue (SPEC §5). */
export const STRANGER_WINDOW_MS = 60 * 60_000;

/** One rationed answer: a person, on one issue of one repository. */
export interface StrangerKey {
  repo: RepoRef;
  issue: number;
  login: string;
}

/**
 * Rations the answers to people without the command permission: at most one
 * per person, issue and hour (SPEC §5), so strangers cannot spend the
 * installation's paced writes (72 a minute, shared by every job) with a
 * stream of `/factory help`. After that answer their commands get nothing —
 * no reply and no reaction, since a reaction is a write too.
 *
 * With a shared `state` (Redis, when several instances run) the answer is
 * a claim there that expires with the window, so the fleet answers once.
 * Without one it is kept in memory, per process: a restart forgets it (at
 * worst one more answer each). Memory stays bounded: entries older than the
 * window are forgotten, and past `maxEntries` the oldest go first (that
 * person may then be answered once more).
 */
export class StrangerLimit {
  /** Key → when it was last answered (ms); insertion order is time order, oldest first. */
  private readonly answered = new Map<string, number>();

  constructor(private readonly deps: { clock: Clock; windowMs?: number; maxEntries?: number; state?: SharedState }) {}

  /**
   * Whether `key` may be answered now. A yes counts as the answer: the next
   * yes for the same person and issue comes a window later.
   */
  async admit(key: StrangerKey): Promise<boolean> {
    const id = `${key.repo.owner}/${key.repo.repo}#${key.issue}@${key.login}`.toLowerCase();
    if (this.deps.state) return this.deps.state.claim(`stranger:${id}`, this.deps.windowMs ?? STRANGER_WINDOW_MS);
    const now = this.deps.clock.now().getTime();
    this.forgetOld(now);
    if (this.answered.has(id)) return false;
    this.answered.set(id, now);
    while (this.answered.size > (this.deps.maxEntries ?? 10_000)) this.answered.delete(this.answered.keys().next().value as string);
    return true;
  }

  /** Answers still counted: what the limiter holds in memory. */
  get size(): number {
    this.forgetOld(this.deps.clock.now().getTime());
    return this.answered.size;
  }

  private forgetOld(now: number): void {
    const window = this.deps.windowMs ?? STRANGER_WINDOW_MS;
    for (const [id, at] of this.answered) {
      if (now - at < window) break;
      this.answered.delete(id);
    }
  }
}
