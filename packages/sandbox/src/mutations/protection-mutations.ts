import type { Store } from "../store.js";
import type { BranchProtection, RepoMergeSettings, Repo, SandboxProfile } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";

/**
 * A new repository's merge settings. On github.com auto-merge is off until
 * an admin allows it, every merge method is allowed and head branches are
 * kept (https://docs.github.com/en/rest/repos/repos#create-an-organization-repository);
 * the kind profile allows auto-merge, as the sandbox always did.
 */
export function defaultMergeSettings(profile: SandboxProfile): RepoMergeSettings {
  return {
    allowAutoMerge: profile === "kind",
    allowSquashMerge: true,
    allowMergeCommit: true,
    allowRebaseMerge: true,
    deleteBranchOnMerge: false,
  };
}

/** Branch protection and repository merge settings; each change re-evaluates the open pull requests it affects. */
export class ProtectionMutations {
  constructor(private readonly store: Store) {}

  /**
   * Sets (replaces) the protection of `branch`, as
   * `PUT /repos/{o}/{r}/branches/{b}/protection` does
   * (https://docs.github.com/en/rest/branches/branch-protection#update-branch-protection).
   */
  protect(params: { repo: Repo; branch: string; protection: BranchProtection }): BranchProtection {
    const { repo, branch } = params;
    if (!repo.refs.has(`refs/heads/${branch}`)) throw new SandboxError({ status: 404, message: "Branch not found" });
    repo.protections.set(branch, params.protection);
    this.refreshPullsInto(repo, branch);
    return params.protection;
  }

  /** Removes the protection of `branch`; 404 "Branch not protected" when there is none. */
  unprotect(params: { repo: Repo; branch: string }): void {
    if (!params.repo.protections.delete(params.branch)) {
      throw new SandboxError({ status: 404, message: "Branch not protected" });
    }
    this.refreshPullsInto(params.repo, params.branch);
  }

  /** Changes the repository's merge settings (`PATCH /repos/{o}/{r}`). */
  updateSettings(params: { repo: Repo; settings: Partial<RepoMergeSettings> }): RepoMergeSettings {
    const { repo } = params;
    for (const [key, value] of Object.entries(params.settings) as [keyof RepoMergeSettings, boolean | undefined][]) {
      if (value !== undefined) repo.mergeSettings[key] = value;
    }
    repo.updatedAt = this.store.now();
    return repo.mergeSettings;
  }

  private refreshPullsInto(repo: Repo, branch: string): void {
    for (const pull of repo.pulls.values()) {
      if (pull.base.ref === branch) this.store.ops.pulls.refresh(repo, pull);
    }
  }
}
