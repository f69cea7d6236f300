/** GitHub's machine-readable error kinds, as its GraphQL API reports them in `errors[].type`. */
export type GithubErrorType =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNPROCESSABLE"
  | "RATE_LIMITED"
  | "EXCESSIVE_PAGINATION"
  | "MISSING_PAGINATION_BOUNDARIES"
  | "MAX_NODE_LIMIT_EXCEEDED"
  | "INVALID_CURSOR_ARGUMENTS";

/**
 * An error GitHub's GraphQL API would answer with; resolvers throw it and the
 * endpoint copies `type` into the error it returns, next to the message.
 */
export class GithubGraphqlError extends Error {
  /** GitHub's error kind. */
  readonly type: GithubErrorType;

  constructor(params: { type: GithubErrorType; message: string; cause?: unknown }) {
    super(params.message, params.cause === undefined ? undefined : { cause: params.cause });
    this.name = "GithubGraphqlError";
    this.type = params.type;
  }
}
