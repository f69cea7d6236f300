import { GraphQLError, execute, getOperationAST, getVariableValues, parse, validate } from "graphql";
import type { DocumentNode } from "graphql";
import type { Store } from "../store.js";
import { analyzeQuery } from "./analyze-query.js";
import { fieldResolver } from "./field-resolver.js";
import { formatGraphqlError } from "./format-graphql-error.js";
import type { GraphqlResponse, GraphqlResponseError } from "./graphql-response.js";
import { loadGithubSchema } from "./load-github-schema.js";
import { chargeRateLimit } from "./rate-limit.js";
import type { GraphqlContext } from "./resolver-types.js";
import { typeResolver } from "./type-resolver.js";

export type { GraphqlResponse, GraphqlResponseError } from "./graphql-response.js";

function rejected(errors: GraphqlResponseError[], operationName = "anonymous"): GraphqlResponse {
  return { body: { errors }, cost: 0, operationName };
}

/**
 * The sandbox's GraphQL endpoint (`POST /graphql`), over GitHub's real
 * schema and the store.
 *
 * Like GitHub, it parses and validates the query (an invalid one is answered
 * with `errors` only), checks pagination and the node limit, charges the
 * viewer's hourly points (queries by GitHub's cost formula, mutations 1), and
 * runs it. Fields the sandbox does not implement come back as errors naming
 * the field; mutations go through the store, so they emit the same webhooks
 * as the REST routes.
 */
export async function executeGraphql(params: {
  store: Store;
  query: string;
  variables?: Record<string, unknown>;
  /** The operation to run when the document holds several. */
  operationName?: string;
  viewer: { login: string; type: "User" | "Bot" };
  /** An installation's permissions, when one makes the request (users are held to their repository access). */
  permissions?: Readonly<Record<string, string>>;
}): Promise<GraphqlResponse> {
  const { store, query } = params;
  const schema = loadGithubSchema();
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) {
      return rejected([formatGraphqlError(error)]);
    }
    throw new Error("sandbox: cannot parse GraphQL query", { cause: error });
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) {
    return rejected(validationErrors.map(formatGraphqlError));
  }
  const operation = getOperationAST(document, params.operationName);
  if (!operation) {
    const message = params.operationName
      ? `No operation named "${params.operationName}"`
      : "An operation name is required when the document holds several operations";
    return rejected([{ message }]);
  }
  const operationName = operation.name?.value ?? "anonymous";
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], params.variables ?? {});
  if (coerced.errors !== undefined) {
    return rejected(coerced.errors.map(formatGraphqlError), operationName);
  }
  const analysis = analyzeQuery({ schema, document, operation, variables: coerced.coerced });
  if (analysis.errors.length > 0) {
    return rejected(analysis.errors, operationName);
  }
  const viewer = store.account(params.viewer.login);
  if (viewer === undefined || viewer.type !== params.viewer.type) {
    throw new Error(`sandbox: GraphQL viewer ${params.viewer.type} '${params.viewer.login}' is not an account in the store`);
  }
  const cost = operation.operation === "mutation" ? 1 : analysis.cost;
  const rateLimit = chargeRateLimit({ store, login: viewer.login, cost, nodeCount: analysis.nodeCount, now: store.now() });
  if (rateLimit === undefined) {
    return rejected([{ type: "RATE_LIMITED", message: `API rate limit exceeded for user ID ${viewer.id}.` }], operationName);
  }
  const context: GraphqlContext = { store, viewer, rateLimit, ...(params.permissions ? { permissions: params.permissions } : {}) };
  const result = await execute({
    schema,
    document,
    operationName: params.operationName,
    variableValues: params.variables ?? {},
    contextValue: context,
    fieldResolver,
    typeResolver,
  });
  const body: GraphqlResponse["body"] = { data: result.data ?? null };
  if (result.errors !== undefined && result.errors.length > 0) {
    body.errors = result.errors.map(formatGraphqlError);
  }
  return { body, cost, operationName };
}
