/** A repository and everything that lives in it. See `../store-types.ts` for the conventions. */
import type { Account, Permission } from "./account-types.js";
import type { CheckRun, CheckSuite } from "./check-types.js";
import type { CommitStatus } from "./status-types.js";
import type { Issue, IssueComment, Label } from "./issue-types.js";
import type { PullRequest } from "./pull-types.js";
import type { BranchProtection, MergeQueueEntry, RepoMergeSettings, Ruleset } from "./protection-types.js";

/** A repository and everything that lives in it. */
export interface Repo {
  id: number;
  nodeId: string;
  owner: Account;
  name: string;
  private: boolean;
  defaultBranch: string;
  language: string | null;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  pushedAt: Date;
  /** Full ref name (`refs/heads/main`) → commit sha. */
  refs: Map<string, string>;
  /** Lower-cased name → label. */
  labels: Map<string, Label>;
  /** Number → issue (pull requests included). */
  issues: Map<number, Issue>;
  /** Number → pull-request half. */
  pulls: Map<number, PullRequest>;
  /** Comment id → comment. */
  comments: Map<number, IssueComment>;
  /** Lower-cased login → explicit collaborator permission. */
  collaborators: Map<string, Permission>;
  checkSuites: Map<number, CheckSuite>;
  checkRuns: Map<number, CheckRun>;
  /** Status id → commit status (every one posted, not only the latest per context). */
  statuses: Map<number, CommitStatus>;
  /** Next issue/PR number. */
  nextNumber: number;
  /** Merge settings (`PATCH /repos/{o}/{r}`); their defaults depend on the sandbox profile. */
  mergeSettings: RepoMergeSettings;
  /** Branch name → classic branch protection. */
  protections: Map<string, BranchProtection>;
  /** Ruleset id → repository ruleset. */
  rulesets: Map<number, Ruleset>;
  /** Base branch → its merge queue, first entry first. */
  mergeQueues: Map<string, MergeQueueEntry[]>;
}
