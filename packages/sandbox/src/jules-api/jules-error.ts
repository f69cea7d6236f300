/**
 * Google's error body for the Jules API stand-in:
 * `{ error: { code, message, status } }`, the shape every Google REST API
 * answers failures with (https://cloud.google.com/apis/design/errors).
 */

/** The Google status names the stand-in answers with, by HTTP status. */
export type JulesErrorStatus = "INVALID_ARGUMENT" | "FAILED_PRECONDITION" | "UNAUTHENTICATED" | "NOT_FOUND" | "UNIMPLEMENTED";

const HTTP_STATUS: Record<JulesErrorStatus, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  UNIMPLEMENTED: 501,
};

/** A failure a route handler throws; the API turns it into {@link julesErrorResponse}. */
export class JulesError extends Error {
  readonly code: number;

  constructor(
    readonly status: JulesErrorStatus,
    message: string,
  ) {
    super(message);
    this.name = "JulesError";
    this.code = HTTP_STATUS[status];
  }
}

/** The JSON response for a {@link JulesError}. */
export function julesErrorResponse(error: JulesError): Response {
  return Response.json({ error: { code: error.code, message: error.message, status: error.status } }, { status: error.code });
}
