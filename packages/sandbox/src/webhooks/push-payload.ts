import type { Store } from "../store.js";
import type { Account, Commit, Repo, StoreEvent } from "../store-types.js";
import { GITHUB_URLS } from "../render/github-urls.js";
import { iso } from "../render/iso.js";
import { repoContext } from "./repo-context.js";

const ZERO_SHA = "0000000000000000000000000000000000000000";

function renderPushCommit(store: Store, repo: Repo, commit: Commit): Record<string, unknown> {
  const parent = commit.parents[0] ? store.commits.get(commit.parents[0]) : undefined;
  const before = parent?.tree ?? new Map<string, string>();
  const added: string[] = [];
  const modified: string[] = [];
  for (const [path, blob] of commit.tree) {
    if (!before.has(path)) added.push(path);
    else if (before.get(path) !== blob) modified.push(path);
  }
  const removed = [...before.keys()].filter((p) => !commit.tree.has(p));
  const person = (s: Commit["author"]): Record<string, unknown> => ({
    name: s.name,
    email: s.email,
    ...(commit.authorAccount ? { username: commit.authorAccount.login } : {}),
  });
  return {
    id: commit.sha,
    tree_id: commit.treeSha,
    distinct: true,
    message: commit.message,
    timestamp: iso(commit.committer.date),
    url: `${GITHUB_URLS.html}/${repo.owner.login}/${repo.name}/commit/${commit.sha}`,
    author: person(commit.author),
    committer: person(commit.committer),
    added,
    removed,
    modified,
  };
}

/**
 * Builds a `push` webhook for a ref moving from `before` to `after` (either
 * may be null: branch created or deleted). `commits` lists what is new on the
 * ref, oldest first.
 */
export function pushPayload(params: {
  store: Store;
  repo: Repo;
  ref: string;
  before: string | null;
  after: string | null;
  commits: Commit[];
  forced: boolean;
  sender: Account;
}): StoreEvent {
  const { store, repo, ref, sender } = params;
  const before = params.before ?? ZERO_SHA;
  const after = params.after ?? ZERO_SHA;
  const rendered = params.commits.map((c) => renderPushCommit(store, repo, c));
  const headCommit = params.after ? store.commits.get(params.after) : undefined;
  const payload: Record<string, unknown> = {
    ref,
    before,
    after,
    ...repoContext({ repo, sender }),
    pusher: { name: sender.login, email: sender.email },
    created: params.before === null,
    deleted: params.after === null,
    forced: params.forced,
    base_ref: null,
    compare: `${GITHUB_URLS.html}/${repo.owner.login}/${repo.name}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: rendered,
    head_commit: headCommit ? renderPushCommit(store, repo, headCommit) : null,
  };
  return { name: "push", payload, repoId: repo.id, accountId: null };
}
