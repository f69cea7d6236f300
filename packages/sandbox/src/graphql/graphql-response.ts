/** One entry of a GraphQL response's `errors`, in GitHub's shape. */
export interface GraphqlResponseError {
  message: string;
  /** GitHub's error kind (`NOT_FOUND`, `EXCESSIVE_PAGINATION`…), when it sends one. */
  type?: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

/** What the sandbox's GraphQL endpoint answers. */
export interface GraphqlResponse {
  /** The JSON body GitHub would send. */
  body: { data?: unknown; errors?: GraphqlResponseError[] };
  /** Rate-limit points the request cost (0 when it was rejected before running). */
  cost: number;
  /** The operation's name, or `anonymous`. */
  operationName: string;
}
