import type { Store } from "../store.js";

/** Every commit reachable from `sha` (itself included), breadth-first. */
export function commitAncestry(params: { store: Store; sha: string }): Set<string> {
  const seen = new Set<string>();
  const queue = [params.sha];
  while (queue.length > 0) {
    const sha = queue.shift() as string;
    if (seen.has(sha)) continue;
    seen.add(sha);
    const commit = params.store.commits.get(sha);
    if (commit) queue.push(...commit.parents);
  }
  return seen;
}
