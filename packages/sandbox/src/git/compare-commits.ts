import type { Store } from "../store.js";
import { commitAncestry } from "./commit-ancestry.js";

/** How `head` relates to `base`, the way GitHub's compare and PR views see it. */
export interface CommitComparison {
  /** Nearest common ancestor, or null for unrelated histories. */
  mergeBase: string | null;
  /** Commits in head but not in base. */
  aheadBy: number;
  /** Commits in base but not in head. */
  behindBy: number;
  /** Paths head changed since the merge base. */
  headChanges: Map<string, string | null>;
  /** Paths base changed since the merge base. */
  baseChanges: Map<string, string | null>;
  /** Paths both sides changed to different contents: a merge conflict. */
  conflicts: string[];
}

function changesSince(store: Store, from: string | null, to: string): Map<string, string | null> {
  const before = from ? (store.commits.get(from)?.tree ?? new Map<string, string>()) : new Map<string, string>();
  const after = store.commits.get(to)?.tree ?? new Map<string, string>();
  const changes = new Map<string, string | null>();
  for (const [path, blob] of after) if (before.get(path) !== blob) changes.set(path, blob);
  for (const path of before.keys()) if (!after.has(path)) changes.set(path, null);
  return changes;
}

/**
 * Compares two commits: ahead/behind counts, the changes each side made since
 * their merge base, and the paths where those changes collide.
 */
export function compareCommits(params: { store: Store; base: string; head: string }): CommitComparison {
  const { store, base, head } = params;
  const baseAncestry = commitAncestry({ store, sha: base });
  const headAncestry = commitAncestry({ store, sha: head });
  // Breadth-first order from head approximates "nearest"; good enough for the
  // linear and merge-commit histories the sandbox creates.
  const mergeBase = [...headAncestry].find((sha) => baseAncestry.has(sha)) ?? null;
  const headChanges = changesSince(store, mergeBase, head);
  const baseChanges = changesSince(store, mergeBase, base);
  const conflicts = [...headChanges.keys()].filter(
    (path) => baseChanges.has(path) && baseChanges.get(path) !== headChanges.get(path),
  );
  return {
    mergeBase,
    aheadBy: [...headAncestry].filter((sha) => !baseAncestry.has(sha)).length,
    behindBy: [...baseAncestry].filter((sha) => !headAncestry.has(sha)).length,
    headChanges,
    baseChanges,
    conflicts,
  };
}
