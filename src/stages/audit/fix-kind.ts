import { countKeywords } from "./match-keywords.js";

/**
 * Kinds of fix that recur across a code base. Three findings needing the same
 * kind in different packages are a pattern: one shared fix (a framework
 * issue) is better than the same patch written three times.
 */
const FIX_KINDS: ReadonlyArray<[string, readonly string[]]> = [
  ["rate-limiting", ["rate limit", "rate-limit", "rate limiting", "throttle", "throttling"]],
  ["timeouts", ["timeout", "time out", "deadline"]],
  ["parameterised-queries", ["parameterized", "parameterised", "prepared statement", "placeholder", "sql injection"]],
  ["input-validation", ["validate", "validation", "sanitize", "sanitise", "sanitization", "allowlist", "allow-list"]],
  ["output-encoding", ["escape", "escaping", "encode output", "output encoding", "xss"]],
  ["error-wrapping", ["wrap error", "wrap the error", "wrap errors", "error context", "errors.wrap", "fmt.errorf", "unchecked error", "ignored error", "swallowed error"]],
  ["authorization-checks", ["authorization check", "authorisation check", "permission check", "access control", "ownership check"]],
  ["secrets-management", ["hard-coded secret", "hardcoded secret", "hard-coded credential", "hardcoded credential", "secret manager", "environment variable"]],
  ["structured-logging", ["structured logging", "structured log", "log context", "request id"]],
  ["retries", ["retry", "retries", "backoff"]],
  ["resource-cleanup", ["defer close", "close the", "resource leak", "file handle", "goroutine leak", "connection leak"]],
  ["pagination", ["paginate", "pagination"]],
  ["context-propagation", ["context.context", "propagate context", "pass the context"]],
];

/** The kind of fix a finding asks for, read from its fix first, then its description. */
export function fixKindOf(params: { fix: string; summary: string }): string | undefined {
  for (const text of [params.fix, params.summary]) {
    if (!text) continue;
    let best: { kind: string; score: number } | undefined;
    for (const [kind, keywords] of FIX_KINDS) {
      const score = countKeywords(text, keywords);
      if (score > 0 && (!best || score > best.score)) best = { kind, score };
    }
    if (best) return best.kind;
  }
  return undefined;
}
