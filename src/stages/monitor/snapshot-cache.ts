import { parseEpicBody } from "../../model/parse-epic-body.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { IssueView } from "../../github/list-issues.js";
import type { RepoRef } from "../../github/octokit.js";
import type { SharedState } from "../../queue/shared-state.js";

/** How long a settled snapshot may stand in for a new read on the dashboard. */
export const DASHBOARD_SNAPSHOT_MAX_AGE_MS = 10 * 60_000;

/**
 * The last settled snapshot of each epic this process read: one after which
 * the monitor had nothing left to change. The dashboard, re-rendered right
 * after the monitor's job, reuses it instead of reading the epic again
 * (each read is GraphQL points). Never a source of truth: an entry is used
 * only while young and while the open issues the dashboard lists anyway
 * agree with it (see {@link stillHolds}); anything else reads GitHub.
 *
 * With several instances, another one may have changed the epic since: each
 * entry then carries a stamp it also wrote to the shared `state`, and is
 * used only while the stamp there is still its own — any instance that
 * remembers or forgets the epic replaces or removes it.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, { snapshot: EpicMonitorSnapshot; at: number; stamp: string }>();

  constructor(
    private readonly maxEntries = 1_000,
    private readonly state?: SharedState,
  ) {}

  /** Keeps `snapshot` as the epic's state at `at`. */
  async remember(repo: RepoRef, epic: number, snapshot: EpicMonitorSnapshot, at: Date): Promise<void> {
    const key = keyOf(repo, epic);
    const stamp = `${process.pid}-${INSTANCE}-${++stamps}`;
    await this.state?.set(`snapshot:${key}`, stamp, DASHBOARD_SNAPSHOT_MAX_AGE_MS);
    this.entries.delete(key);
    this.entries.set(key, { snapshot, at: at.getTime(), stamp });
    // Insertion order is age order: the oldest goes first.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Drops the epic's entry, on every instance: what was written changed it. */
  async forget(repo: RepoRef, epic: number): Promise<void> {
    const key = keyOf(repo, epic);
    this.entries.delete(key);
    await this.state?.release(`snapshot:${key}`);
  }

  /** The epic's snapshot when it is younger than `maxAgeMs` at `now`, and no instance remembered or forgot the epic since. */
  async recent(repo: RepoRef, epic: number, now: Date, maxAgeMs: number): Promise<EpicMonitorSnapshot | undefined> {
    const key = keyOf(repo, epic);
    const entry = this.entries.get(key);
    if (!entry || now.getTime() - entry.at > maxAgeMs || now.getTime() < entry.at) return undefined;
    if (this.state && (await this.state.get(`snapshot:${key}`)) !== entry.stamp) return undefined;
    return entry.snapshot;
  }
}

/** Tells this process's stamps from another's with the same pid (containers often run as pid 1). */
const INSTANCE = Math.random().toString(36).slice(2, 10);
/** Stamps given out in this process, by every cache alike. */
let stamps = 0;

/**
 * Whether a remembered snapshot still matches the repository's open issues:
 * the epic's body (phases and ticks), and each child's being open, its title
 * and labels. Pull requests cannot be checked this way; their changes come
 * with events whose monitor pass refreshes the snapshot.
 */
export function stillHolds(snapshot: EpicMonitorSnapshot, open: readonly IssueView[]): boolean {
  const byNumber = new Map(open.map((issue) => [issue.number, issue]));
  const epic = byNumber.get(snapshot.epic.number);
  if (!epic || snapshot.epic.state !== "open") return false;
  if (JSON.stringify(parseEpicBody(epic.body)) !== JSON.stringify(snapshot.epic.document)) return false;
  for (const [number, child] of snapshot.children) {
    const listed = byNumber.get(number);
    if ((child.state === "open") !== (listed !== undefined)) return false;
    if (listed && (listed.title !== child.title || [...listed.labels].sort().join("\n") !== [...child.labels].sort().join("\n"))) return false;
  }
  return true;
}

function keyOf(repo: RepoRef, epic: number): string {
  return `${repo.owner}/${repo.repo}#${epic}`.toLowerCase();
}
