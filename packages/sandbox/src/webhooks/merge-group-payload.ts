import type { Store } from "../store.js";
import type { Account, Repo, StoreEvent } from "../store-types.js";
import { iso } from "../render/iso.js";
import { repoContext } from "./repo-context.js";

/**
 * A `merge_group` webhook
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads#merge_group):
 * `checks_requested` when the queue has built a merge group and wants CI on
 * its head, `destroyed` (reason `merged`, `invalidated` or `dequeued`) when
 * the group is gone.
 */
export function mergeGroupPayload(params: {
  store: Store;
  repo: Repo;
  group: { ref: string; sha: string; baseSha: string };
  baseBranch: string;
  sender: Account;
  action: "checks_requested" | "destroyed";
  reason?: "merged" | "invalidated" | "dequeued";
}): StoreEvent {
  const { store, repo, group } = params;
  const commit = store.ops.git.requireCommit(group.sha);
  const person = (who: typeof commit.author) => ({ name: who.name, email: who.email });
  const payload: Record<string, unknown> = {
    action: params.action,
    ...(params.reason ? { reason: params.reason } : {}),
    merge_group: {
      head_sha: group.sha,
      head_ref: group.ref,
      base_sha: group.baseSha,
      base_ref: `refs/heads/${params.baseBranch}`,
      head_commit: {
        id: commit.sha,
        tree_id: commit.treeSha,
        message: commit.message,
        timestamp: iso(commit.committer.date),
        author: person(commit.author),
        committer: person(commit.committer),
      },
    },
    ...repoContext({ repo, sender: params.sender }),
  };
  return { name: "merge_group", payload, repoId: repo.id, accountId: null };
}
