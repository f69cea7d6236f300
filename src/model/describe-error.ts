/**
 * A short, safe description of an error for a comment: our own messages and
 * the HTTP status of the GitHub call that failed, never stack traces, request
 * headers or tokens.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const { message, status } = current as { message?: unknown; status?: unknown };
    if (typeof status === "number") {
      parts.push(`GitHub answered ${status}${hintFor(status, String(message ?? ""))}`);
      break;
    }
    if (typeof message === "string" && message) parts.push(firstLine(message));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.length > 0 ? parts.join(": ") : "an unexpected error";
}

function firstLine(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function hintFor(status: number, message: string): string {
  if (status === 429 || (status === 403 && /secondary rate limit/i.test(message))) return " (secondary rate limit; retry in a few minutes)";
  if (status === 403) return " (the app may lack a permission on this repository)";
  if (status === 404) return " (something was deleted or is not visible to the app)";
  if (status >= 500) return " (a GitHub error; retrying later usually works)";
  return "";
}
