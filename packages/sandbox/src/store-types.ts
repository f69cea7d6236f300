/**
 * The records the sandbox keeps in memory. They are plain objects: REST
 * renderers, webhook payload builders and the GraphQL resolvers all read the
 * same records, so the three views of GitHub can never disagree.
 *
 * Conventions: `id` is GitHub's numeric database id (unique across the whole
 * sandbox), `nodeId` is the opaque GraphQL global id, dates are `Date`s taken
 * from the injected clock, logins and label names are looked up
 * case-insensitively (maps are keyed by the lower-cased value).
 */

export type * from "./types/account-types.js";
export type * from "./types/git-types.js";
export type * from "./types/issue-types.js";
export type * from "./types/pull-types.js";
export type * from "./types/check-types.js";
export type * from "./types/status-types.js";
export type * from "./types/repo-types.js";
export type * from "./types/app-types.js";
export type * from "./types/event-types.js";
export type * from "./types/protection-types.js";
