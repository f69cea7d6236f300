import { getOperationAST, parse } from "graphql";

/** The operation a GraphQL request body asks for. */
export interface GraphqlOperation {
  /** The operation's name, or `anonymous`. */
  name: string;
  type: "query" | "mutation" | "subscription";
}

/**
 * Reads which operation a `POST /graphql` body runs — its name and whether it
 * is a mutation — without executing it, so faults and secondary limits can
 * be decided before the endpoint runs it. A body GitHub would reject (bad
 * JSON, no query, a syntax error) gives undefined: the endpoint answers it.
 */
export function operationOf(body: string | undefined): GraphqlOperation | undefined {
  let parsed: { query?: unknown; operationName?: unknown };
  try {
    parsed = JSON.parse(body ?? "") as typeof parsed;
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || typeof parsed.query !== "string") return undefined;
  try {
    const operation = getOperationAST(parse(parsed.query), typeof parsed.operationName === "string" ? parsed.operationName : undefined);
    return operation ? { name: operation.name?.value ?? "anonymous", type: operation.operation } : undefined;
  } catch {
    return undefined;
  }
}
