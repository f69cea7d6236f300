import type { LedgerLocation } from "../../model/ledger-location.js";
import type { Octokit } from "../octokit.js";

/**
 * Writes a file on the ledger branch with compare-and-swap on its sha
 * (https://docs.github.com/en/rest/repos/contents#create-or-update-file-contents):
 * GitHub refuses a write whose sha is not the file's current one (409), or a
 * create when the file already exists (422), so two writers can never both
 * win. Returns `conflict` for those; the caller re-reads and re-decides. The
 * branch is created from the repository's default branch on first use.
 */
export async function writeLedgerFile(params: {
  octokit: Octokit;
  location: LedgerLocation;
  path: string;
  text: string;
  sha: string | undefined;
  message: string;
}): Promise<"written" | "conflict"> {
  const { octokit, location } = params;
  const put = () =>
    octokit.rest.repos.createOrUpdateFileContents({
      ...location.repo,
      path: params.path,
      branch: location.branch,
      message: params.message,
      content: Buffer.from(params.text, "utf8").toString("base64"),
      ...(params.sha ? { sha: params.sha } : {}),
    });
  try {
    await put();
    return "written";
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 409) return "conflict";
    if (status === 422 && params.sha === undefined && !(await branchExists(octokit, location))) {
      await createBranch(octokit, location);
      try {
        await put();
        return "written";
      } catch (retry) {
        if ([409, 422].includes((retry as { status?: number }).status ?? 0)) return "conflict";
        throw retry;
      }
    }
    if (status === 422 && params.sha === undefined) return "conflict";
    if (status === 404 && !(await branchExists(octokit, location))) {
      await createBranch(octokit, location);
      return writeLedgerFile(params);
    }
    throw new Error(`Could not write the ledger ${location.repo.owner}/${location.repo.repo}:${location.branch}/${params.path}`, { cause: error });
  }
}

async function branchExists(octokit: Octokit, location: LedgerLocation): Promise<boolean> {
  try {
    await octokit.rest.git.getRef({ ...location.repo, ref: `heads/${location.branch}` });
    return true;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}

async function createBranch(octokit: Octokit, location: LedgerLocation): Promise<void> {
  const { data: repository } = await octokit.rest.repos.get({ ...location.repo });
  const { data: head } = await octokit.rest.git.getRef({ ...location.repo, ref: `heads/${repository.default_branch}` });
  try {
    await octokit.rest.git.createRef({ ...location.repo, ref: `refs/heads/${location.branch}`, sha: head.object.sha });
  } catch (error) {
    // Another writer made it first.
    if ((error as { status?: number }).status !== 422) throw error;
  }
}
