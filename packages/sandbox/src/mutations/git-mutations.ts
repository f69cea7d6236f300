import type { Store } from "../store.js";
import type { Account, Commit, GitSignature, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { gitSha } from "../git/git-sha.js";
import { commitAncestry } from "../git/commit-ancestry.js";
import { pushPayload } from "../webhooks/push-payload.js";

/** A file change: new contents, or `null` to delete the path. */
export type FileChanges = Record<string, string | Buffer | null>;

/** Writes git objects and moves refs; every ref move emits `push` and updates affected PRs. */
export class GitMutations {
  constructor(private readonly store: Store) {}

  /** The signature GitHub uses for an account's web commits. */
  signature(account: Account | null): GitSignature {
    return account
      ? {
          name: account.login,
          // Brackets of bot logins are not valid in an e-mail address.
          email: `${account.id}+${account.login.replace(/\[bot\]$/, "-bot")}@users.noreply.github.com`,
          date: this.store.now(),
        }
      : { name: "GitHub", email: "noreply@github.com", date: this.store.now() };
  }

  /**
   * Stores a commit whose tree is the first parent's (or `tree` when given)
   * with `changes` applied. Moves no ref.
   */
  writeCommit(params: {
    parent: string | null;
    extraParents?: string[];
    tree?: Map<string, string>;
    changes?: FileChanges;
    message: string;
    author: Account | null;
  }): Commit {
    const parents = [...(params.parent ? [params.parent] : []), ...(params.extraParents ?? [])];
    const base = params.tree ?? (params.parent ? this.requireCommit(params.parent).tree : new Map<string, string>());
    const tree = new Map(base);
    for (const [path, content] of Object.entries(params.changes ?? {})) {
      const clean = path.replace(/^\/+/, "");
      if (content === null) {
        tree.delete(clean);
        continue;
      }
      const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
      const sha = gitSha.blob(bytes);
      this.store.blobs.set(sha, { sha, content: bytes });
      tree.set(clean, sha);
    }
    const author = this.signature(params.author);
    const treeSha = gitSha.tree(tree);
    const sha = gitSha.commit({ treeSha, parents, author, committer: author, message: params.message });
    const commit: Commit = {
      sha,
      nodeId: this.store.nodeId("C", sha),
      treeSha,
      tree,
      parents,
      message: params.message,
      author,
      committer: author,
      authorAccount: params.author,
    };
    this.store.commits.set(sha, commit);
    this.store.register({ kind: "Commit", value: commit });
    return commit;
  }

  /** The commit with this sha, or GitHub's 422 for a missing object. */
  requireCommit(sha: string): Commit {
    const commit = this.store.commits.get(sha);
    if (!commit) throw new SandboxError({ status: 422, message: "Object does not exist" });
    return commit;
  }

  /** The head commit of `branch`, or a 404 naming the branch. */
  branchHead(repo: Repo, branch: string): Commit {
    const sha = repo.refs.get(`refs/heads/${branch}`);
    if (!sha) throw new SandboxError({ status: 404, message: `Branch not found` });
    return this.requireCommit(sha);
  }

  /** `POST /git/refs`: 422 when the ref exists or the sha is unknown. */
  createRef(params: { actor: Account; repo: Repo; ref: string; sha: string }): void {
    const { repo, ref } = params;
    if (!/^refs\/[^/]+\/.+/.test(ref)) throw new SandboxError({ status: 422, message: "Reference name must start with 'refs/' and have at least two slashes." });
    if (repo.refs.has(ref)) throw new SandboxError({ status: 422, message: "Reference already exists" });
    this.requireCommit(params.sha);
    this.moveRef({ actor: params.actor, repo, ref, to: params.sha, forced: false });
  }

  /** `PATCH /git/refs/{ref}`: 422 when missing, or not a fast-forward without `force`. */
  updateRef(params: { actor: Account; repo: Repo; ref: string; sha: string; force?: boolean }): void {
    const { repo, ref } = params;
    const current = repo.refs.get(ref);
    if (!current) throw new SandboxError({ status: 422, message: "Reference does not exist" });
    this.requireCommit(params.sha);
    const fastForward = commitAncestry({ store: this.store, sha: params.sha }).has(current);
    if (!fastForward && !params.force) throw new SandboxError({ status: 422, message: "Update is not a fast forward" });
    this.moveRef({ actor: params.actor, repo, ref, to: params.sha, forced: !fastForward });
  }

  /** `DELETE /git/refs/{ref}`: 422 when missing. */
  deleteRef(params: { actor: Account; repo: Repo; ref: string }): void {
    if (!params.repo.refs.has(params.ref)) throw new SandboxError({ status: 422, message: "Reference does not exist" });
    this.moveRef({ actor: params.actor, repo: params.repo, ref: params.ref, to: null, forced: false });
  }

  /**
   * Commits `files` on top of `branch` (creating the branch from `from`, or
   * the default branch, when missing) and pushes it.
   */
  pushCommit(params: { actor: Account; repo: Repo; branch: string; files: FileChanges; message: string; from?: string }): Commit {
    const { repo, branch } = params;
    const ref = `refs/heads/${branch}`;
    const parent = repo.refs.get(ref) ?? this.branchHead(repo, params.from ?? repo.defaultBranch).sha;
    const commit = this.writeCommit({ parent, changes: params.files, message: params.message, author: params.actor });
    this.moveRef({ actor: params.actor, repo, ref, to: commit.sha, forced: false });
    return commit;
  }

  /**
   * The contents API's write: `sha` must be the current blob sha to update
   * (missing → 422, stale → 409) and must be absent to create — this is the
   * compare-and-swap the ledger relies on.
   */
  putFile(params: {
    actor: Account;
    repo: Repo;
    path: string;
    content: Buffer;
    message: string;
    sha?: string;
    branch?: string;
  }): { commit: Commit; blobSha: string; created: boolean } {
    const { repo, path } = params;
    const branch = params.branch ?? repo.defaultBranch;
    const head = this.branchHead(repo, branch);
    const current = head.tree.get(path);
    if (current !== undefined && params.sha === undefined) {
      throw new SandboxError({ status: 422, message: `Invalid request.\n\n"sha" wasn't supplied.` });
    }
    if (params.sha !== undefined && params.sha !== current) {
      throw new SandboxError({ status: 409, message: `${path} does not match ${params.sha}` });
    }
    const commit = this.pushCommit({ actor: params.actor, repo, branch, files: { [path]: params.content }, message: params.message });
    return { commit, blobSha: commit.tree.get(path) as string, created: current === undefined };
  }

  /** The contents API's delete: the path must exist and `sha` must match it. */
  deleteFile(params: { actor: Account; repo: Repo; path: string; message: string; sha: string; branch?: string }): Commit {
    const { repo, path } = params;
    const branch = params.branch ?? repo.defaultBranch;
    const current = this.branchHead(repo, branch).tree.get(path);
    if (current === undefined) throw new SandboxError({ status: 404, message: "Not Found" });
    if (params.sha !== current) throw new SandboxError({ status: 409, message: `${path} does not match ${params.sha}` });
    return this.pushCommit({ actor: params.actor, repo, branch, files: { [path]: null }, message: params.message });
  }

  /** Points `ref` at `to` (null deletes it), emits `push`, and lets open PRs react. */
  moveRef(params: { actor: Account; repo: Repo; ref: string; to: string | null; forced: boolean }): void {
    const { actor, repo, ref, to } = params;
    if (ref.startsWith("refs/heads/")) this.store.ops.mergeQueue.assertNotQueuedHead(repo, ref.slice("refs/heads/".length));
    const before = repo.refs.get(ref) ?? null;
    if (to === null) repo.refs.delete(ref);
    else repo.refs.set(ref, to);
    repo.pushedAt = this.store.now();
    const known = before ? commitAncestry({ store: this.store, sha: before }) : new Set<string>();
    const fresh = to ? [...commitAncestry({ store: this.store, sha: to })].filter((sha) => !known.has(sha)) : [];
    const commits = fresh
      .map((sha) => this.requireCommit(sha))
      .reverse()
      .slice(-20);
    this.store.emit(pushPayload({ store: this.store, repo, ref, before, after: to, commits, forced: params.forced, sender: actor }));
    if (ref.startsWith("refs/heads/")) {
      this.store.ops.pulls.onBranchMoved({ actor, repo, branch: ref.slice("refs/heads/".length), before, after: to });
    }
  }
}
