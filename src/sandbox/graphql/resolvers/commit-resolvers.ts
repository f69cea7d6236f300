import { GITHUB_URLS } from "../../render/github-urls.js";
import { iso } from "../../render/iso.js";
import type { CheckRun, GitSignature, Account } from "../../store-types.js";
import { connection } from "../connection.js";
import type { TypeResolvers } from "../resolver-types.js";
import { accountSource, commitSource } from "../sources.js";
import type { CommitSource, StatusCheckRollupSource } from "../sources.js";

/** A commit's author or committer (`GitActor`). */
interface GitActorSource {
  signature: GitSignature;
  account: Account | null;
}

/**
 * The check runs that speak for a commit: the latest run of each name per app
 * (a re-run replaces the earlier one, as on GitHub's checks tab).
 */
function latestCheckRuns(source: CommitSource): CheckRun[] {
  const latest = new Map<string, CheckRun>();
  for (const run of source.repo.checkRuns.values()) {
    if (run.headSha !== source.commit.sha) {
      continue;
    }
    const key = `${run.app?.id ?? "ci"}/${run.name}`;
    const current = latest.get(key);
    if (current === undefined || current.id < run.id) {
      latest.set(key, run);
    }
  }
  return [...latest.values()].sort((a, b) => a.id - b.id);
}

const url = (source: CommitSource): string =>
  `${GITHUB_URLS.html}/${source.repo.owner.login}/${source.repo.name}/commit/${source.commit.sha}`;

/** `Commit`. */
export const commitResolvers: TypeResolvers<CommitSource> = {
  id: (source) => source.commit.nodeId,
  oid: (source) => source.commit.sha,
  abbreviatedOid: (source) => source.commit.sha.slice(0, 7),
  message: (source) => source.commit.message,
  messageHeadline: (source) => source.commit.message.split("\n", 1)[0] ?? "",
  messageBody: (source) => source.commit.message.split("\n").slice(1).join("\n").trim(),
  authoredDate: (source) => iso(source.commit.author.date),
  committedDate: (source) => iso(source.commit.committer.date),
  author: (source): GitActorSource => ({ signature: source.commit.author, account: source.commit.authorAccount }),
  committer: (source): GitActorSource => ({ signature: source.commit.committer, account: null }),
  url,
  commitUrl: url,
  repository: (source) => ({ __typename: "Repository", repo: source.repo }),
  parents: (source, args, context) =>
    connection({
      items: source.commit.parents,
      args,
      key: (sha) => sha,
      node: (sha) => commitSource(context.store, source.repo, sha),
    }),
  // GitHub answers `null` for a commit nothing has reported on.
  statusCheckRollup: (source): StatusCheckRollupSource | null => {
    const runs = latestCheckRuns(source);
    return runs.length === 0 ? null : { __typename: "StatusCheckRollup", commit: source, runs };
  },
};

/** `GitActor`. */
export const gitActorResolvers: TypeResolvers<GitActorSource> = {
  name: (source) => source.signature.name,
  email: (source) => source.signature.email,
  date: (source) => iso(source.signature.date),
  user: (source) => (source.account === null ? null : accountSource(source.account)),
};

/**
 * The combined state, as GitHub's combined status reads it: any failed run
 * makes it FAILURE, else any run still going makes it PENDING, else SUCCESS
 * (neutral and skipped runs count as passing).
 */
function rollupState(runs: CheckRun[]): "FAILURE" | "PENDING" | "SUCCESS" {
  const failing = new Set(["failure", "timed_out", "cancelled", "action_required"]);
  if (runs.some((run) => run.conclusion !== null && failing.has(run.conclusion))) {
    return "FAILURE";
  }
  const passing = new Set(["success", "neutral", "skipped"]);
  if (runs.some((run) => run.status !== "completed" || run.conclusion === null || !passing.has(run.conclusion))) {
    return "PENDING";
  }
  return "SUCCESS";
}

/** `StatusCheckRollup`; its contexts are check runs (the sandbox keeps no commit statuses). */
export const statusCheckRollupResolvers: TypeResolvers<StatusCheckRollupSource> = {
  id: (source, _args, context) => context.store.nodeId("SCR", source.commit.commit.sha),
  state: (source) => rollupState(source.runs),
  commit: (source) => source.commit,
  contexts: (source, args) =>
    connection({
      items: source.runs,
      args,
      key: (run) => run.id,
      node: (run) => ({ __typename: "CheckRun", repo: source.commit.repo, run }),
    }),
};
