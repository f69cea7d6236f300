import type { Line } from "./split-lines.js";

/** The Markdown parser sees at most this much: its worst cases grow faster than linearly. */
const MAX_MARKDOWN = 8_192;
/** A line opening more nested quotes or lists than this stops the parser (each level costs it more). */
const MAX_NESTING = 10;

/**
 * The last line (1-based) the Markdown parser may be given: none ending past
 * 8,192 characters, none from the first line that opens too many nested
 * containers.
 */
export function readableLines(source: string, lines: Line[]): number {
  const index = lines.findIndex((line) => line.end > MAX_MARKDOWN || containerMarkers(source, line) > MAX_NESTING);
  return index === -1 ? lines.length : index;
}

/**
 * Counts the block-quote and list markers opening a line (`> - 1. > x` has
 * four), stopping once past the limit. Over-counting (`* * *` is a rule) only
 * makes the check stricter.
 */
function containerMarkers(source: string, { start, end }: Line): number {
  const blankAt = (index: number): boolean => index >= end || source[index] === " " || source[index] === "\t";
  let count = 0;
  let at = start;
  while (at < end && count <= MAX_NESTING) {
    const char = source[at];
    if (char === " " || char === "\t") {
      at += 1;
      continue;
    }
    let marker = at;
    while (marker < end && marker - at < 9 && (source[marker] ?? "") >= "0" && (source[marker] ?? "") <= "9") marker += 1;
    if (marker > at && (source[marker] === "." || source[marker] === ")")) marker += 1;
    else if (char === "-" || char === "+" || char === "*" || char === ">") marker = at + 1;
    else break;
    if (char !== ">" && !blankAt(marker)) break;
    count += 1;
    at = marker;
  }
  return count;
}
