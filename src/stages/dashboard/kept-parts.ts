/** Pull requests a person ticked in the review queue of a previous dashboard body. */
export function tickedPulls(body: string): Set<number> {
  const ticked = new Set<number>();
  for (const match of body.matchAll(/^\s*[-*]\s+\[[xX]\]\s+#(\d+)\b/gm)) ticked.add(Number(match[1]));
  return ticked;
}

/** What a person wrote between the notes markers of a previous body, kept as it is. */
export function keptNotes(body: string, start: string, end: string): string {
  const from = body.indexOf(start);
  const to = body.indexOf(end, from + start.length);
  if (from < 0 || to < 0) return "";
  const notes = body.slice(from + start.length, to).trim();
  return notes.startsWith("_Anything written here is kept") ? "" : notes;
}
