/**
 * GitHub refuses an issue or pull request title longer than 256 characters
 * with a 422 ("title is too long (maximum is 256 characters)").
 * https://docs.github.com/en/rest/issues/issues#create-an-issue
 */
export const MAX_TITLE_CHARS = 256;

/**
 * A title Factory creates, within `max` characters (Unicode code points, as
 * GitHub counts them): a longer one is cut at the last word boundary in its
 * second half, or mid-word when there is none, and ends with "…".
 */
export function fitTitle(title: string, max = MAX_TITLE_CHARS): string {
  const chars = Array.from(title);
  if (chars.length <= max) return title;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  const head = space > cut.length / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s.:;,-]+$/u, "") || head}…`;
}
