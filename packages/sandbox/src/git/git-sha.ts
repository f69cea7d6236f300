import { createHash } from "node:crypto";
import type { GitSignature } from "../store-types.js";

function sha1(data: Buffer | string): string {
  return createHash("sha1").update(data).digest("hex");
}

function signature(s: GitSignature): string {
  return `${s.name} <${s.email}> ${Math.floor(s.date.getTime() / 1000)} +0000`;
}

/**
 * Git object ids. Blob ids are git's real ones (`git hash-object` gives the
 * same sha), so a client that computes a blob sha locally agrees with the
 * contents API. Trees are flattened in the sandbox, so their id is a stable
 * hash of the listing rather than git's nested tree encoding.
 */
export const gitSha = {
  /** Git's blob id: sha1 of `blob <size>\0<bytes>`. */
  blob(content: Buffer): string {
    return sha1(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]));
  },
  /** A stable id for a flattened tree. */
  tree(tree: Map<string, string>): string {
    const lines = [...tree.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return sha1(`tree\0${lines.map(([path, blob]) => `100644 ${path}\0${blob}`).join("\n")}`);
  },
  /** Git's commit id over the commit text. */
  commit(params: {
    treeSha: string;
    parents: string[];
    author: GitSignature;
    committer: GitSignature;
    message: string;
  }): string {
    const text = [
      `tree ${params.treeSha}`,
      ...params.parents.map((p) => `parent ${p}`),
      `author ${signature(params.author)}`,
      `committer ${signature(params.committer)}`,
      "",
      params.message,
    ].join("\n");
    return sha1(`commit ${Buffer.byteLength(text)}\0${text}`);
  },
};
