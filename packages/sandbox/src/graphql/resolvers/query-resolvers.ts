import { iso } from "../../render/iso.js";
import { GithubGraphqlError } from "../github-graphql-error.js";
import { nodeSource } from "../node-source.js";
import type { TypeResolvers } from "../resolver-types.js";
import { accountSource } from "../sources.js";
import type { AccountSource, RepositorySource } from "../sources.js";

function accountByLogin(params: {
  login: string;
  accounts: { account(login: string): AccountSource["account"] | undefined };
  kind: "User" | "Organization";
}): AccountSource {
  const account = params.accounts.account(params.login);
  const matches =
    account !== undefined && (params.kind === "Organization" ? account.type === "Organization" : account.type !== "Organization");
  if (!matches) {
    throw new GithubGraphqlError({
      type: "NOT_FOUND",
      message: `Could not resolve to a${params.kind === "Organization" ? "n Organization" : " User"} with the login of '${params.login}'.`,
    });
  }
  return accountSource(account);
}

/** `Query`: the entry points. */
export const queryResolvers: TypeResolvers<undefined> = {
  // Like GitHub, `viewer` is typed `User` even when an app's bot asks.
  viewer: (_source, _args, context): AccountSource => ({ __typename: "User", account: context.viewer }),
  rateLimit: (_source, args) => {
    if (args.dryRun === true) {
      throw new Error("sandbox: argument Query.rateLimit(dryRun:) is not implemented");
    }
    return {};
  },
  repository: (_source, args, context): RepositorySource => {
    const owner = args.owner as string;
    const name = args.name as string;
    const repo = context.store.repo(owner, name);
    if (repo === undefined) {
      throw new GithubGraphqlError({
        type: "NOT_FOUND",
        message: `Could not resolve to a Repository with the name '${owner}/${name}'.`,
      });
    }
    return { __typename: "Repository", repo };
  },
  user: (_source, args, context) => accountByLogin({ login: args.login as string, accounts: context.store, kind: "User" }),
  organization: (_source, args, context) =>
    accountByLogin({ login: args.login as string, accounts: context.store, kind: "Organization" }),
  repositoryOwner: (_source, args, context) => {
    const account = context.store.account(args.login as string);
    return account === undefined || account.type === "Bot" ? null : accountSource(account);
  },
  node: (_source, args, context) => nodeSource(context.store, args.id as string),
  // A missing id nulls its own entry (with an error at its index), not the list.
  nodes: (_source, args, context) =>
    (args.ids as string[]).map((id) => {
      try {
        return nodeSource(context.store, id);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
};

/** `RateLimit`: the figures after this query was charged. */
export const rateLimitResolvers: TypeResolvers<object> = {
  cost: (_source, _args, context) => context.rateLimit.cost,
  limit: (_source, _args, context) => context.rateLimit.limit,
  nodeCount: (_source, _args, context) => context.rateLimit.nodeCount,
  remaining: (_source, _args, context) => context.rateLimit.remaining,
  used: (_source, _args, context) => context.rateLimit.used,
  resetAt: (_source, _args, context) => iso(context.rateLimit.resetAt),
};
