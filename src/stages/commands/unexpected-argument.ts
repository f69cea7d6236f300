import type { Verb } from "./command.js";
import { quoteToken } from "./quote-token.js";

/** The problem for an argument `verb` does not take; options get their own wording. */
export function unexpectedArgument(verb: Verb, token: string, expected?: string): string {
  if (token.startsWith("-")) return `${quoteToken(token)} is not an option of \`${verb}\`.`;
  const hint = expected === undefined ? "" : `; expected ${expected}`;
  return `\`${verb}\` does not take ${quoteToken(token)}${hint}.`;
}
