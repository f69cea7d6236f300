import type { LedgerLocation } from "../model/ledger-location.js";
import type { Octokit } from "./octokit.js";

/** A text file on the ledger branch, with the blob sha to compare-and-swap against. */
export interface VersionedFile {
  text: string;
  /** Undefined when the file (or the branch) does not exist yet. */
  sha?: string;
}

/** Reads a file from the ledger branch; a missing branch or file reads as empty. */
export async function readLedgerFile(params: { octokit: Octokit; location: LedgerLocation; path: string }): Promise<VersionedFile> {
  const { octokit, location } = params;
  try {
    const { data } = await octokit.rest.repos.getContent({ ...location.repo, path: params.path, ref: location.branch });
    if (Array.isArray(data) || data.type !== "file") throw new Error(`${params.path} on ${location.branch} is not a file`);
    const content = "content" in data && typeof data.content === "string" ? Buffer.from(data.content, "base64").toString("utf8") : "";
    return { text: content, sha: data.sha };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return { text: "" };
    throw new Error(`Could not read the ledger ${location.repo.owner}/${location.repo.repo}:${location.branch}/${params.path}`, { cause: error });
  }
}
