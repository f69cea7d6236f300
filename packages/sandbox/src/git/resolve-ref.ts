import type { Store } from "../store.js";
import type { Commit, Repo } from "../store-types.js";

/**
 * Resolves what GitHub accepts as `{ref}`: a commit sha (full or 7+
 * characters), a branch name, `heads/<branch>`, or a full `refs/…` name.
 */
export function resolveRef(params: { store: Store; repo: Repo; ref: string }): Commit | undefined {
  const { store, repo, ref } = params;
  const named =
    repo.refs.get(`refs/heads/${ref}`) ??
    repo.refs.get(ref) ??
    repo.refs.get(`refs/${ref}`) ??
    repo.refs.get(`refs/tags/${ref}`);
  if (named) return store.commits.get(named);
  if (/^[0-9a-f]{40}$/i.test(ref)) return store.commits.get(ref.toLowerCase());
  if (/^[0-9a-f]{7,39}$/i.test(ref)) {
    const matches = [...store.commits.keys()].filter((sha) => sha.startsWith(ref.toLowerCase()));
    return matches.length === 1 ? store.commits.get(matches[0] as string) : undefined;
  }
  return undefined;
}
