/**
 * Shows user text as an inline code span, where GitHub renders nothing:
 * no mentions, no issue links, no HTML, no closing keywords. The fence is one
 * backtick longer than the longest run inside, so the text cannot end it.
 */
export function codeSpan(text: string, max = 200): string {
  const shown = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  const longest = Math.max(0, ...[...shown.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = shown.startsWith("`") || shown.endsWith("`") || longest > 0 ? " " : "";
  return `${fence}${pad}${shown.replace(/\n/g, " ")}${pad}${fence}`;
}
