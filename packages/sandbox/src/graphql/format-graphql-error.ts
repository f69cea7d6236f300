import type { GraphQLError } from "graphql";
import { SandboxError } from "../sandbox-error.js";
import { GithubGraphqlError } from "./github-graphql-error.js";
import type { GraphqlResponseError } from "./graphql-response.js";

/** graphql-js validation messages and GitHub's wording of the same problem. */
const GITHUB_WORDING: { pattern: RegExp; rewrite: (match: RegExpExecArray) => { message: string; code: string } }[] = [
  {
    pattern: /^Cannot query field "([^"]+)" on type "([^"]+)"\./,
    rewrite: (match) => ({ message: `Field '${match[1]}' doesn't exist on type '${match[2]}'`, code: "undefinedField" }),
  },
  {
    pattern: /^Unknown argument "([^"]+)" on field "[^".]+\.([^"]+)"\./,
    rewrite: (match) => ({ message: `Field '${match[2]}' doesn't accept argument '${match[1]}'`, code: "argumentNotAccepted" }),
  },
  {
    pattern: /^Field "([^"]+)" argument "([^"]+)" of type "[^"]+" is required, but it was not provided\./,
    rewrite: (match) => ({
      message: `Field '${match[1]}' is missing required arguments: ${match[2]}`,
      code: "missingRequiredArguments",
    }),
  },
  {
    pattern: /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields\./,
    rewrite: (match) => ({
      message: `Field must have selections (field '${match[1]}' returns ${(match[2] ?? "").replace(/!$/, "")} but has no selections. Did you mean '${match[1]} { ... }'?)`,
      code: "selectionMismatch",
    }),
  },
];

const STATUS_TYPES: Record<number, string> = { 403: "FORBIDDEN", 404: "NOT_FOUND", 422: "UNPROCESSABLE" };

/**
 * Turns a graphql-js error into the entry GitHub would put in `errors`:
 * GitHub's wording for the common validation failures, and GitHub's `type`
 * for errors raised by resolvers or by the store (a 422 from the store keeps
 * its validation detail in the message).
 */
export function formatGraphqlError(error: GraphQLError): GraphqlResponseError {
  const formatted: GraphqlResponseError = { message: error.message };
  const original = error.originalError;
  if (original instanceof GithubGraphqlError) {
    formatted.type = original.type;
  } else if (original instanceof SandboxError) {
    formatted.type = STATUS_TYPES[original.status] ?? "UNPROCESSABLE";
    const details = (original.errors ?? [])
      .map((entry) => (typeof entry === "string" ? entry : typeof entry.message === "string" ? entry.message : undefined))
      .filter((message) => message !== undefined);
    formatted.message = details.length > 0 ? details.join(", ") : original.message;
  } else if (original === undefined) {
    for (const { pattern, rewrite } of GITHUB_WORDING) {
      const match = pattern.exec(error.message);
      if (match !== null) {
        const { message, code } = rewrite(match);
        formatted.message = message;
        formatted.extensions = { code };
        break;
      }
    }
  }
  if (error.path !== undefined) {
    formatted.path = [...error.path];
  }
  if (error.locations !== undefined) {
    formatted.locations = error.locations.map(({ line, column }) => ({ line, column }));
  }
  return formatted;
}
