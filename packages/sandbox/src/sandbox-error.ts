/**
 * An error the sandbox raises the way GitHub would answer it: the REST router
 * turns it into a response with this status and body, actors and GraphQL
 * resolvers let it propagate. `errors` follows GitHub's validation-error shape
 * (`[{ resource, field, code, message? }]`).
 */
export class SandboxError extends Error {
  /** HTTP status GitHub answers with. */
  readonly status: number;
  /** GitHub's `errors` array for 422 responses, when it sends one. */
  readonly errors: (Record<string, unknown> | string)[] | undefined;
  /** Extra response headers (e.g. `retry-after`). */
  readonly headers: Record<string, string>;

  constructor(params: {
    status: number;
    message: string;
    errors?: (Record<string, unknown> | string)[];
    headers?: Record<string, string>;
    cause?: unknown;
  }) {
    super(params.message, params.cause === undefined ? undefined : { cause: params.cause });
    this.name = "SandboxError";
    this.status = params.status;
    this.errors = params.errors;
    this.headers = params.headers ?? {};
  }
}
