import { codeSpan } from "../../model/code-span.js";
import { truncate } from "./truncate.js";

const MAX_QUOTED = 30;

/** `token` as a code span (which GitHub renders inert), first cut to a length worth echoing. */
export function quoteToken(token: string): string {
  return codeSpan(truncate(token, MAX_QUOTED));
}
