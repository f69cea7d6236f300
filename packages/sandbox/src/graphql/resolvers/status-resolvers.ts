import { GITHUB_URLS } from "../../render/github-urls.js";
import { iso } from "../../render/iso.js";
import { combinedStatusState } from "../../mutations/commit-ci-state.js";
import type { TypeResolvers } from "../resolver-types.js";
import { accountSource, commitSource } from "../sources.js";
import type { StatusContextSource, StatusSource } from "../sources.js";
import { isRequired } from "./is-required.js";

/**
 * `Status` (`Commit.status`): the latest status of each context and their
 * combined state, by the combined status's documented rules
 * (https://docs.github.com/en/graphql/reference/objects#status).
 */
export const statusResolvers: TypeResolvers<StatusSource> = {
  id: (source, _args, context) => context.store.nodeId("S", source.commit.commit.sha),
  state: (source) => combinedStatusState(source.statuses).toUpperCase(),
  commit: (source) => source.commit,
  contexts: (source): StatusContextSource[] =>
    source.statuses.map((status) => ({ __typename: "StatusContext", repo: source.commit.repo, status })),
  context: (source, args): StatusContextSource | null => {
    const name = String(args.name).toLowerCase();
    const status = source.statuses.find((s) => s.context.toLowerCase() === name);
    return status === undefined ? null : { __typename: "StatusContext", repo: source.commit.repo, status };
  },
};

/** `StatusContext` (https://docs.github.com/en/graphql/reference/objects#statuscontext). */
export const statusContextResolvers: TypeResolvers<StatusContextSource> = {
  id: (source) => source.status.nodeId,
  context: (source) => source.status.context,
  state: (source) => source.status.state.toUpperCase(),
  description: (source) => source.status.description,
  targetUrl: (source) => source.status.targetUrl,
  createdAt: (source) => iso(source.status.createdAt),
  creator: (source) => accountSource(source.status.creator),
  avatarUrl: (source) => `${GITHUB_URLS.avatars}/u/${source.status.creator.id}?v=4`,
  commit: (source, _args, context) => commitSource(context.store, source.repo, source.status.sha),
  isRequired: (source, args, context) => isRequired({ repo: source.repo, args, context, name: source.status.context, kind: "status", appId: null }),
};
