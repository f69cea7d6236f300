/**
 * POSTs that GitHub treats as "make it so": sending one twice leaves the same
 * state (labels, assignees and requested reviewers are sets; an existing
 * reaction is answered 200; an existing label is refused with 422, which the
 * executor reads as done), or only mints a credential.
 */
const REPEATABLE_POSTS: readonly RegExp[] = [
  /\/issues\/[^/]+\/labels$/,
  /\/issues\/[^/]+\/assignees$/,
  /\/pulls\/[^/]+\/requested_reviewers$/,
  /\/reactions$/,
  /^\/repos\/[^/]+\/[^/]+\/labels$/,
  /^\/app\/installations\/[^/]+\/access_tokens$/,
];

/** GraphQL mutations that set a state rather than add to it. */
const REPEATABLE_MUTATIONS: ReadonlySet<string> = new Set([
  "resolveReviewThread",
  "unresolveReviewThread",
  "replaceActorsForAssignable",
  "addLabelsToLabelable",
  "removeLabelsFromLabelable",
]);

/**
 * Whether sending a request again after an error can do no harm. Reads,
 * PUT, PATCH and DELETE can be repeated; so can the POSTs above and the
 * mutations that set a state. Everything else creates something — a comment,
 * an issue, a check run, a branch, a pull request, an `addComment` — and
 * GitHub can apply a write yet answer it with a 5xx (a "ghost write",
 * https://github.com/probot/probot/issues/921), so sending it again blindly
 * can create it twice: only the executor, which can look for what the first
 * attempt made, may try again.
 */
export function isRepeatableRequest(request: { method?: string; url?: string; query?: unknown }): boolean {
  const method = (request.method ?? "GET").toUpperCase();
  const path = pathOf(request.url ?? "");
  if (path.endsWith("/graphql")) {
    if (typeof request.query !== "string" || !isMutation(request.query)) return true;
    const fields = rootFields(request.query);
    return fields.length > 0 && fields.every((field) => REPEATABLE_MUTATIONS.has(field));
  }
  if (method !== "POST") return true;
  return REPEATABLE_POSTS.some((pattern) => pattern.test(path));
}

/** The path of a request URL, whether a template (`/repos/{owner}/…`) or absolute. */
function pathOf(url: string): string {
  const path = url.startsWith("/") ? url.split("?")[0] ?? url : new URL(url).pathname;
  // GitHub Enterprise Server serves the API under /api/v3.
  return path.replace(/^\/api\/v3(?=\/)/, "");
}

function isMutation(query: string): boolean {
  return /^(?:\s|#[^\n]*\n)*mutation\b/.test(query);
}

/** The names of a mutation's top-level fields (aliases resolved to the field they name). */
function rootFields(query: string): string[] {
  const fields: string[] = [];
  let braces = 0;
  let parens = 0;
  for (const [token] of query.matchAll(/"(?:[^"\\]|\\.)*"|#[^\n]*|[A-Za-z_][A-Za-z0-9_]*|[{}():]/g)) {
    if (token === "{") braces += 1;
    else if (token === "}") braces -= 1;
    else if (token === "(") parens += 1;
    else if (token === ")") parens -= 1;
    else if (braces === 1 && parens === 0 && !token.startsWith('"') && !token.startsWith("#")) {
      // `alias: field` — the alias was pushed first; the field replaces it.
      if (token === ":") fields.pop();
      else fields.push(token);
    }
  }
  return fields;
}
