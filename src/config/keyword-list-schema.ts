import { z } from "zod";

/**
 * A list of keywords for the audit classifier, with the list used when the
 * key is left out. Matching is the classifier's job (case-insensitive, on
 * word boundaries), so the config keeps the words as written.
 */
export function keywordListSchema(defaults: readonly string[]) {
  return z.array(z.string().trim().min(1, "a keyword cannot be empty")).default([...defaults]);
}
