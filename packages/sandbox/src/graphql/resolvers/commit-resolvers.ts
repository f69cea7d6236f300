import { GITHUB_URLS } from "../../render/github-urls.js";
import { iso } from "../../render/iso.js";
import type { GitSignature, Account } from "../../store-types.js";
import { latestCheckRuns, latestStatuses, rollupState } from "../../mutations/commit-ci-state.js";
import { connection, type ConnectionSource } from "../connection.js";
import type { TypeResolvers } from "../resolver-types.js";
import { accountSource, commitSource } from "../sources.js";
import type { CheckRunSource, CommitSource, StatusCheckRollupSource, StatusContextSource, StatusSource } from "../sources.js";

/** A commit's author or committer (`GitActor`). */
interface GitActorSource {
  signature: GitSignature;
  account: Account | null;
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
    const runs = latestCheckRuns(source.repo, source.commit.sha);
    const statuses = latestStatuses(source.repo, source.commit.sha);
    return runs.length === 0 && statuses.length === 0 ? null : { __typename: "StatusCheckRollup", commit: source, runs, statuses };
  },
  // Commit statuses only; `null` when none was posted.
  status: (source): StatusSource | null => {
    const statuses = latestStatuses(source.repo, source.commit.sha);
    return statuses.length === 0 ? null : { __typename: "Status", commit: source, statuses };
  },
};

/** `GitActor`. */
export const gitActorResolvers: TypeResolvers<GitActorSource> = {
  name: (source) => source.signature.name,
  email: (source) => source.signature.email,
  date: (source) => iso(source.signature.date),
  user: (source) => (source.account === null ? null : accountSource(source.account)),
};

/** A rollup's contexts: a page of check runs and status contexts, with how many of each there are. */
interface RollupContextsSource extends ConnectionSource {
  checkRunCount: number;
  statusContextCount: number;
}

/**
 * `StatusCheckRollup` (https://docs.github.com/en/graphql/reference/objects#statuscheckrollup):
 * the commit's latest check runs and latest status per context, in the order
 * they were first reported, and their combined state.
 */
export const statusCheckRollupResolvers: TypeResolvers<StatusCheckRollupSource> = {
  id: (source, _args, context) => context.store.nodeId("SCR", source.commit.commit.sha),
  state: (source) => rollupState({ runs: source.runs, statuses: source.statuses }),
  commit: (source) => source.commit,
  contexts: (source, args): RollupContextsSource => {
    const repo = source.commit.repo;
    const items: (CheckRunSource | StatusContextSource)[] = [
      ...source.runs.map((run): CheckRunSource => ({ __typename: "CheckRun", repo, run })),
      ...source.statuses.map((status): StatusContextSource => ({ __typename: "StatusContext", repo, status })),
    ].sort((a, b) => idOf(a) - idOf(b));
    return {
      ...connection({ items, args, key: idOf, node: (item) => item }),
      checkRunCount: source.runs.length,
      statusContextCount: source.statuses.length,
    };
  },
};

function idOf(item: CheckRunSource | StatusContextSource): number {
  return item.__typename === "CheckRun" ? item.run.id : item.status.id;
}

/** `StatusCheckRollupContextConnection`'s own counts (the paging fields are every connection's). */
export const rollupContextConnectionResolvers: TypeResolvers<RollupContextsSource> = {
  checkRunCount: (source) => source.checkRunCount,
  statusContextCount: (source) => source.statusContextCount,
};
