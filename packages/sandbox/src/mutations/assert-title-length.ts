import { assertFieldLength } from "./assert-field-length.js";

/**
 * GitHub's limit on issue and pull request titles: 256 characters (Unicode
 * code points), rejected with a 422 validation error.
 * https://docs.github.com/en/rest/issues/issues#create-an-issue
 */
export const MAX_TITLE_CHARACTERS = 256;

/** Throws GitHub's 422 when `title` is longer than {@link MAX_TITLE_CHARACTERS}. */
export function assertTitleLength(params: { title: string | undefined; resource: string }): void {
  assertFieldLength({ field: "title", value: params.title, max: MAX_TITLE_CHARACTERS, resource: params.resource });
}
