import type { GraphQLResolveInfo } from "graphql";
import type { Store } from "../store.js";
import type { Account } from "../store-types.js";
import type { RateLimitState } from "./rate-limit.js";

/** What every resolver of one request can see. */
export interface GraphqlContext {
  store: Store;
  /** The account the request acts as (a user, or an app's `[bot]` account). */
  viewer: Account;
  /** The request's rate-limit state after it was charged. */
  rateLimit: RateLimitState;
  /** The installation's permissions when an installation token made the request; absent for users. */
  permissions?: Readonly<Record<string, string>>;
}

/** A field's arguments as graphql-js coerced them (already validated against the schema). */
export type FieldArgs = Readonly<Record<string, unknown>>;

/** Resolves one field of one GraphQL type from a sandbox source object. */
export type FieldResolver<S> = (source: S, args: FieldArgs, context: GraphqlContext, info: GraphQLResolveInfo) => unknown;

/** The implemented fields of one GraphQL type; any other field fails loudly. */
export type TypeResolvers<S> = Readonly<Record<string, FieldResolver<S>>>;
