import { SandboxError } from "../sandbox-error.js";

/**
 * GitHub's limit on issue and pull request titles: 256 characters (Unicode
 * code points), rejected with a 422 validation error.
 * https://docs.github.com/en/rest/issues/issues#create-an-issue
 */
export const MAX_TITLE_CHARACTERS = 256;

/** Throws GitHub's 422 when `title` is longer than {@link MAX_TITLE_CHARACTERS}. */
export function assertTitleLength(params: { title: string | undefined; resource: string }): void {
  const { title } = params;
  if (title === undefined || title.length <= MAX_TITLE_CHARACTERS) return;
  let codePoints = 0;
  for (const _ of title) codePoints += 1;
  if (codePoints <= MAX_TITLE_CHARACTERS) return;
  throw new SandboxError({
    status: 422,
    message: "Validation Failed",
    errors: [
      {
        resource: params.resource,
        code: "custom",
        field: "title",
        message: `title is too long (maximum is ${MAX_TITLE_CHARACTERS} characters)`,
      },
    ],
  });
}
