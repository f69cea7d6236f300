import type { Verb } from "./command.js";
import { quoteToken } from "./quote-token.js";

/** The problem for an argument that should have been an issue reference. */
export function notAnIssue(verb: Verb, token: string): string {
  return `${quoteToken(token)} is not an issue reference; \`${verb}\` expects issues written like \`#12\`.`;
}
