import { parseBounded } from "./parse-bounded.js";

/** GitHub issue numbers are 32-bit signed integers. */
const MAX_ISSUE = 2 ** 31 - 1;

/** `#N` with 1 ≤ N < 2^31, or undefined. */
export function parseIssueRef(token: string): number | undefined {
  return token.startsWith("#") ? parseBounded(token.slice(1), 1, MAX_ISSUE) : undefined;
}
