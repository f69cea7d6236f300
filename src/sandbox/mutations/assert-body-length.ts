import { SandboxError } from "../sandbox-error.js";

/**
 * GitHub's limit on issue, pull request and comment bodies: 65,536 characters
 * (Unicode code points), rejected with a 422.
 * https://github.com/orgs/community/discussions/27190
 */
export const MAX_BODY_CHARACTERS = 65_536;

/** Throws GitHub's 422 when `body` is longer than {@link MAX_BODY_CHARACTERS}. */
export function assertBodyLength(params: { body: string | null | undefined; resource: string }): void {
  const { body } = params;
  if (body === null || body === undefined || body.length <= MAX_BODY_CHARACTERS) return;
  let codePoints = 0;
  for (const _ of body) codePoints += 1;
  if (codePoints <= MAX_BODY_CHARACTERS) return;
  throw new SandboxError({
    status: 422,
    message: "Validation Failed",
    errors: [
      {
        resource: params.resource,
        code: "custom",
        field: "body",
        message: `body is too long (maximum is ${MAX_BODY_CHARACTERS} characters)`,
      },
    ],
  });
}
