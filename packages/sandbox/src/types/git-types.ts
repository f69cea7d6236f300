/** Git objects: blobs and commits (trees are flattened to path → blob sha). See `../store-types.ts` for the conventions. */
import type { Account } from "./account-types.js";

/** A git blob: the bytes of one file version, addressed by its git sha-1. */
export interface Blob {
  sha: string;
  content: Buffer;
}

/** Name and e-mail of a commit author or committer, with the time. */
export interface GitSignature {
  name: string;
  email: string;
  date: Date;
}

/** A git commit; its tree is flattened to path → blob sha. */
export interface Commit {
  sha: string;
  nodeId: string;
  treeSha: string;
  /** Full path (no leading slash) → blob sha. */
  tree: Map<string, string>;
  parents: string[];
  message: string;
  author: GitSignature;
  committer: GitSignature;
  /** The account that authored the commit, when known (rendered as `author`). */
  authorAccount: Account | null;
}
