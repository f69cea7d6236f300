/**
 * GitHub rejects bodies over 65,536 characters with a 422
 * (https://docs.github.com/en/rest/issues/issues#create-an-issue). Factory
 * writes at most this many, leaving room for markers and human edits.
 */
export const MAX_BODY_CHARS = 60_000;

/**
 * Shortens Markdown to `max` characters on a line boundary, closing an open
 * code fence so the rest of the body still renders, and says so.
 */
export function shortenMarkdown(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  const note = "\n\n*…shortened: the audit has the full text.*";
  let cut = markdown.slice(0, Math.max(0, max - note.length - 8));
  const newline = cut.lastIndexOf("\n");
  if (newline > cut.length / 2) cut = cut.slice(0, newline);
  const fences = cut.match(/^\s*(```|~~~)/gm)?.length ?? 0;
  return `${cut}${fences % 2 === 1 ? "\n```" : ""}${note}`;
}
