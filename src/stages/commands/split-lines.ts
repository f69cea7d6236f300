/** A line of the examined body: `[start, end)` offsets, newline excluded. */
export interface Line {
  start: number;
  end: number;
}

/** The lines of `source` (newlines already normalised to `\n`), the last one possibly empty. */
export function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let newline = source.indexOf("\n"); newline !== -1; newline = source.indexOf("\n", start)) {
    lines.push({ start, end: newline });
    start = newline + 1;
  }
  lines.push({ start, end: source.length });
  return lines;
}
