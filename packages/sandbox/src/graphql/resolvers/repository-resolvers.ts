import { GITHUB_URLS } from "../../render/github-urls.js";
import { iso } from "../../render/iso.js";
import type { Account, Issue } from "../../store-types.js";
import { connection } from "../connection.js";
import { GithubGraphqlError } from "../github-graphql-error.js";
import { listIssues } from "../issue-list.js";
import { pullRequestState } from "../pull-request-state.js";
import type { FieldResolver, TypeResolvers } from "../resolver-types.js";
import { accountSource, issueOrPullSource, requireIssueOrPull } from "../sources.js";
import type { RefSource, RepositorySource } from "../sources.js";
import { rejectUnsupportedArguments } from "../unsupported-argument.js";

const PERMISSION_ENUM = { admin: "ADMIN", maintain: "MAINTAIN", write: "WRITE", triage: "TRIAGE", read: "READ" } as const;

/** The branch or ref `name` (`refs/heads/x` first, then the short name), or `null`. */
function findRef(source: RepositorySource, name: string): RefSource | null {
  const candidates = name.startsWith("refs/") ? [name] : [name, `refs/heads/${name}`, `refs/tags/${name}`];
  for (const qualifiedName of candidates) {
    const sha = source.repo.refs.get(qualifiedName);
    if (sha !== undefined) {
      return { __typename: "Ref", repo: source.repo, qualifiedName, sha };
    }
  }
  return null;
}

const issue: FieldResolver<RepositorySource> = (source, args, context) => {
  const number = args.number as number;
  const found = source.repo.issues.get(number);
  // On GitHub `issue(number:)` does not serve pull requests, though they share numbers.
  if (found === undefined || found.isPullRequest) {
    throw new GithubGraphqlError({ type: "NOT_FOUND", message: `Could not resolve to an Issue with the number of ${number}.` });
  }
  return issueOrPullSource(context.store, found);
};

const pullRequest: FieldResolver<RepositorySource> = (source, args, context) => {
  const number = args.number as number;
  const found = source.repo.issues.get(number);
  if (found === undefined || !found.isPullRequest) {
    throw new GithubGraphqlError({
      type: "NOT_FOUND",
      message: `Could not resolve to a PullRequest with the number of ${number}.`,
    });
  }
  return issueOrPullSource(context.store, found);
};

const issues: FieldResolver<RepositorySource> = (source, args, context, info) => {
  const { store } = context;
  const list = listIssues({
    store,
    repo: source.repo,
    issues: [...source.repo.issues.values()].filter((candidate) => !candidate.isPullRequest),
    args,
    info,
    stateOf: (candidate) => (candidate.state === "open" ? "OPEN" : "CLOSED"),
  });
  return connection({ items: list, args, key: (item) => item.id, node: (item) => issueOrPullSource(store, item) });
};

const pullRequests: FieldResolver<RepositorySource> = (source, args, context, info) => {
  const { store } = context;
  const { repo } = source;
  const pullOf = (candidate: Issue) => {
    const pull = repo.pulls.get(candidate.number);
    if (pull === undefined) {
      throw new Error(`sandbox store has pull request ${candidate.number} without its pull half`);
    }
    return pull;
  };
  const baseRefName = args.baseRefName as string | null | undefined;
  const headRefName = args.headRefName as string | null | undefined;
  const list = listIssues({
    store,
    repo,
    issues: [...repo.issues.values()].filter(
      (candidate) =>
        candidate.isPullRequest &&
        (baseRefName == null || pullOf(candidate).base.ref === baseRefName) &&
        (headRefName == null || pullOf(candidate).head.ref === headRefName),
    ),
    args,
    info,
    stateOf: (candidate) => pullRequestState(candidate, pullOf(candidate)),
  });
  return connection({ items: list, args, key: (item) => item.id, node: (item) => issueOrPullSource(store, item) });
};

const labels: FieldResolver<RepositorySource> = (source, args, _context, info) => {
  rejectUnsupportedArguments({ args, names: ["orderBy"], info });
  const query = typeof args.query === "string" ? args.query.toLowerCase() : undefined;
  const list = [...source.repo.labels.values()]
    .filter((label) => query === undefined || label.name.toLowerCase().includes(query))
    .sort((a, b) => a.id - b.id);
  return connection({
    items: list,
    args,
    key: (label) => label.id,
    node: (label) => ({ __typename: "Label", repo: source.repo, label }),
  });
};

/**
 * Who GitHub suggests as assignees or authors: people with write access (or
 * better) and agent bots (bot accounts that are not an app's `[bot]` user,
 * like Copilot). The sandbox has no per-repository agent switch, so every
 * agent bot is suggested everywhere.
 */
const suggestedActors: FieldResolver<RepositorySource> = (source, args, context) => {
  const { store } = context;
  const query = typeof args.query === "string" ? args.query.toLowerCase() : undefined;
  const loginNames =
    typeof args.loginNames === "string" ? args.loginNames.split(",").map((login) => login.trim().toLowerCase()) : undefined;
  const writers = new Set(["admin", "maintain", "write"]);
  const list = [...store.accountsById.values()]
    .filter((account: Account) =>
      account.type === "Bot"
        ? !account.login.endsWith("[bot]")
        : account.type === "User" && writers.has(store.permission(source.repo, account.login)),
    )
    .filter((account) => query === undefined || account.login.toLowerCase().includes(query))
    .filter((account) => loginNames === undefined || loginNames.includes(account.login.toLowerCase()))
    .sort((a, b) => a.id - b.id);
  return connection({ items: list, args, key: (account) => account.id, node: accountSource });
};

/** `Repository`. */
export const repositoryResolvers: TypeResolvers<RepositorySource> = {
  id: (source) => source.repo.nodeId,
  databaseId: (source) => source.repo.id,
  name: (source) => source.repo.name,
  nameWithOwner: (source) => `${source.repo.owner.login}/${source.repo.name}`,
  owner: (source) => accountSource(source.repo.owner),
  url: (source) => `${GITHUB_URLS.html}/${source.repo.owner.login}/${source.repo.name}`,
  resourcePath: (source) => `/${source.repo.owner.login}/${source.repo.name}`,
  description: (source) => source.repo.description,
  isPrivate: (source) => source.repo.private,
  visibility: (source) => (source.repo.private ? "PRIVATE" : "PUBLIC"),
  createdAt: (source) => iso(source.repo.createdAt),
  updatedAt: (source) => iso(source.repo.updatedAt),
  pushedAt: (source) => iso(source.repo.pushedAt),
  primaryLanguage: (source) => (source.repo.language === null ? null : { name: source.repo.language }),
  defaultBranchRef: (source) => findRef(source, `refs/heads/${source.repo.defaultBranch}`),
  ref: (source, args) => findRef(source, args.qualifiedName as string),
  viewerPermission: (source, _args, context) => {
    const permission = context.store.permission(source.repo, context.viewer.login);
    return permission === "none" ? null : PERMISSION_ENUM[permission];
  },
  issue,
  pullRequest,
  issueOrPullRequest: (source, args, context) =>
    requireIssueOrPull({ store: context.store, repo: source.repo, number: args.number as number }),
  issues,
  pullRequests,
  labels,
  label: (source, args) => {
    const label = source.repo.labels.get((args.name as string).toLowerCase());
    return label === undefined ? null : { __typename: "Label", repo: source.repo, label };
  },
  suggestedActors,
  // Merge settings (https://docs.github.com/en/graphql/reference/objects#repository).
  autoMergeAllowed: (source) => source.repo.mergeSettings.allowAutoMerge,
  mergeCommitAllowed: (source) => source.repo.mergeSettings.allowMergeCommit,
  squashMergeAllowed: (source) => source.repo.mergeSettings.allowSquashMerge,
  rebaseMergeAllowed: (source) => source.repo.mergeSettings.allowRebaseMerge,
  deleteBranchOnMerge: (source) => source.repo.mergeSettings.deleteBranchOnMerge,
};

/** `Language` (only its name is modelled). */
export const languageResolvers: TypeResolvers<{ name: string }> = {
  name: (source) => source.name,
};
