import type { Repo } from "../store-types.js";

/**
 * The issue a Jules session's prompt is about: the first `#N` or
 * `https://github.com/{owner}/{repo}/issues/N` reference (in the order they
 * appear) to an open issue of `repo`; null when there is none. A sandbox
 * simplification: the real Jules reads the whole prompt and writes whatever
 * closing line it asks for; the stand-in writes `Fixes #N` for this issue.
 */
export function issueReferenceIn(prompt: string, repo: Repo): number | null {
  const pattern = /github\.com\/([\w.-]+)\/([\w.-]+)\/issues\/(\d+)|(?<![\w&/])#(\d+)\b/gi;
  for (const match of prompt.matchAll(pattern)) {
    const [, owner, name, fromUrl, fromHash] = match;
    if (fromUrl !== undefined) {
      const same = owner?.toLowerCase() === repo.owner.login.toLowerCase() && name?.toLowerCase() === repo.name.toLowerCase();
      if (!same) continue;
    }
    const number = Number(fromUrl ?? fromHash);
    const issue = repo.issues.get(number);
    if (issue && !issue.isPullRequest && issue.state === "open") return number;
  }
  return null;
}
