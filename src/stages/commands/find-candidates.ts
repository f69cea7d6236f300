import { asciiLower } from "./ascii-lower.js";
import type { Line } from "./split-lines.js";

export const PREFIX = "/factory";
/** Visible whitespace that may follow `/factory` (zero-width characters may not). */
const AFTER_PREFIX = /^[\t \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]$/;

/** A line whose raw text starts like a command, before Markdown has had its say. */
export interface Candidate extends Line {
  /** 1-based line number. */
  line: number;
  /** The line's text. */
  raw: string;
  /** Offset of the `/` of `/factory`. */
  offset: number;
}

/** Lines whose raw text starts with `/factory` (up to 3 leading spaces, ASCII case-insensitive). */
export function findCandidates(source: string, lines: Line[]): Candidate[] {
  const found: Candidate[] = [];
  lines.forEach(({ start, end }, index) => {
    let at = start;
    while (at < end && at - start < 3 && source[at] === " ") at += 1;
    if (end - at < PREFIX.length || asciiLower(source.slice(at, at + PREFIX.length)) !== PREFIX) return;
    const next = at + PREFIX.length;
    if (next !== end && !AFTER_PREFIX.test(source.charAt(next))) return;
    found.push({ line: index + 1, start, end, raw: source.slice(start, end), offset: at });
  });
  return found;
}
