import { truncate } from "./truncate.js";

const MAX_TEXT = 200;
/**
 * Characters removed before a line is read: C0/C1 controls except tab and
 * newline, format characters (bidi overrides and isolates, zero-width
 * characters, tag characters), line/paragraph separators, lone surrogates and
 * variation selectors. They are invisible, so a reader of the comment could
 * not see what they would otherwise change.
 */
export const INVISIBLE = /(?![\t\n])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;

/** The line for display: invisible characters removed, trimmed, at most 200 characters. */
export function cleanText(raw: string): string {
  return truncate(raw.replace(INVISIBLE, "").trim(), MAX_TEXT);
}
