import type { Store } from "../store.js";
import type { Account, CommitStatus, Repo, StoreEvent } from "../store-types.js";
import { commitAncestry } from "../git/commit-ancestry.js";
import { GITHUB_URLS } from "../render/github-urls.js";
import { iso } from "../render/iso.js";
import { renderCommitSummary } from "../render/render-commit-summary.js";
import { repoContext } from "./repo-context.js";

/** GitHub lists at most this many branches in a `status` webhook. */
const MAX_BRANCHES = 10;

/**
 * Builds the `status` webhook GitHub sends for a new commit status
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads#status):
 * the status's fields flat at the top level, the commit, and the branches
 * whose history contains it (the sha need not be their head).
 */
export function statusPayload(params: { store: Store; repo: Repo; status: CommitStatus; sender: Account }): StoreEvent {
  const { store, repo, status, sender } = params;
  const commit = store.commits.get(status.sha);
  if (commit === undefined) throw new Error(`sandbox store has no commit ${status.sha} for status ${status.id}`);
  const api = `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}`;
  const branches = [...repo.refs]
    .filter(([ref, head]) => ref.startsWith("refs/heads/") && commitAncestry({ store, sha: head }).has(status.sha))
    .slice(0, MAX_BRANCHES)
    .map(([ref, head]) => ({
      name: ref.slice("refs/heads/".length),
      commit: { sha: head, url: `${api}/commits/${head}` },
      protected: repo.protections.has(ref.slice("refs/heads/".length)),
    }));
  const payload = {
    id: status.id,
    sha: status.sha,
    name: `${repo.owner.login}/${repo.name}`,
    target_url: status.targetUrl,
    avatar_url: `${GITHUB_URLS.avatars}/u/${status.creator.id}?v=4`,
    context: status.context,
    description: status.description,
    state: status.state,
    commit: renderCommitSummary({ repo, commit }),
    branches,
    created_at: iso(status.createdAt),
    updated_at: iso(status.updatedAt),
    ...repoContext({ repo, sender }),
  };
  return { name: "status", payload, repoId: repo.id, accountId: null };
}
