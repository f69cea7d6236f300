import type { Store } from "../store.js";
import type { Account, CommitStatus, CommitStatusState, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { statusPayload } from "../webhooks/status-payload.js";

/**
 * GitHub keeps at most 1000 statuses per sha and context
 * (https://docs.github.com/en/rest/commits/statuses#create-a-commit-status).
 */
const MAX_STATUSES_PER_CONTEXT = 1000;

/** Commit statuses (https://docs.github.com/en/rest/commits/statuses). */
export class StatusMutations {
  constructor(private readonly store: Store) {}

  /**
   * Posts a status on commit `sha` (a full sha: GitHub answers 422 for
   * anything it cannot find), emits the `status` webhook and lets the pull
   * requests headed there re-evaluate their mergeability.
   */
  create(params: {
    actor: Account;
    repo: Repo;
    sha: string;
    state: CommitStatusState;
    /** Default `default`, as on GitHub. */
    context?: string;
    description?: string | null;
    targetUrl?: string | null;
  }): CommitStatus {
    const { actor, repo } = params;
    const sha = params.sha.toLowerCase();
    if (!/^[0-9a-f]{40}$/.test(sha) || !this.store.commits.has(sha)) {
      throw new SandboxError({ status: 422, message: `No commit found for SHA: ${params.sha}` });
    }
    const context = params.context ?? "default";
    const same = [...repo.statuses.values()].filter((s) => s.sha === sha && s.context.toLowerCase() === context.toLowerCase());
    if (same.length >= MAX_STATUSES_PER_CONTEXT) {
      throw new SandboxError({
        status: 422,
        message: "Validation Failed",
        errors: [{ resource: "Status", code: "custom", field: "context", message: "This SHA and context has reached the maximum number of statuses." }],
      });
    }
    const id = this.store.nextId();
    const now = this.store.now();
    const status: CommitStatus = {
      id,
      nodeId: this.store.nodeId("SC", id),
      repoId: repo.id,
      sha,
      state: params.state,
      context,
      description: params.description ?? null,
      targetUrl: params.targetUrl ?? null,
      creator: actor,
      createdAt: now,
      updatedAt: now,
    };
    repo.statuses.set(id, status);
    this.store.register({ kind: "StatusContext", value: status });
    this.store.emit(statusPayload({ store: this.store, repo, status, sender: actor }));
    this.store.ops.pulls.onChecksChanged({ repo, sha });
    return status;
  }
}
