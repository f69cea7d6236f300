import { assertFieldLength } from "./assert-field-length.js";

/**
 * GitHub's limit on issue, pull request and comment bodies: 65,536 characters
 * (Unicode code points), rejected with a 422.
 * https://github.com/orgs/community/discussions/27190
 */
export const MAX_BODY_CHARACTERS = 65_536;

/** Throws GitHub's 422 when `body` is longer than {@link MAX_BODY_CHARACTERS}. */
export function assertBodyLength(params: { body: string | null | undefined; resource: string }): void {
  assertFieldLength({ field: "body", value: params.body, max: MAX_BODY_CHARACTERS, resource: params.resource });
}
