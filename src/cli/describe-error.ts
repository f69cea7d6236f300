/** Most causes followed when describing an error. */
const MAX_DEPTH = 5;

/**
 * An error as one line for `factory: …` on stderr: its message and its
 * causes' (the flows wrap GitHub's errors with what they were doing), each
 * folded onto one line, repeats left out.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < MAX_DEPTH; depth++) {
    const message = (current instanceof Error ? current.message : String(current)).replace(/\s+/g, " ").trim();
    if (message && !parts.some((part) => part.includes(message))) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(": ") || "failed";
}
