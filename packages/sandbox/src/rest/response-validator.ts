import type { ErrorObject, ValidateFunction } from "ajv";
import type { OpenApiDocument, OpenApiResponse } from "./openapi-spec.js";
import { normaliseOpenApiSchema, openApiAjv } from "./openapi-ajv.js";
import type { Route } from "./route-table.js";
import { defaultValidatorCacheDir, StandaloneValidatorCache } from "./standalone-validator-cache.js";

/** At most this many problems are named per response; the rest are counted. */
const MAX_SHOWN = 8;

/**
 * Response schemas of GitHub's description that contradict the rest of it,
 * keyed by `operationId status`, with the schema checked instead.
 *
 * - `apps/list-installations`: its inlined `installation` demands an account
 *   that is a user *and* an enterprise (`allOf`); the `installation`
 *   component, `GET /app/installations/{id}` and GitHub's own example for
 *   this endpoint have a user *or* an enterprise (`anyOf`).
 */
const ERRATA: Record<string, unknown> = {
  "apps/list-installations 200": { type: "array", items: { $ref: "#/components/schemas/installation" } },
};

function isUnion(error: ErrorObject): boolean {
  return error.keyword === "anyOf" || error.keyword === "oneOf";
}

/** The `null` branch a nullable schema gained in normalisation. */
function isNullBranch(error: ErrorObject): boolean {
  return error.keyword === "type" && (error.params as { type?: unknown }).type === "null";
}

function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

function where(error: ErrorObject): string {
  return error.instancePath === "" ? "(body)" : error.instancePath;
}

function describe(error: ErrorObject): string {
  const params = error.params as { allowedValues?: unknown[]; additionalProperty?: string };
  if (error.keyword === "enum") return `${where(error)} must be one of ${JSON.stringify(params.allowedValues)}, not ${JSON.stringify(error.data)}`;
  if (error.keyword === "additionalProperties") return `${where(error)} must not have property '${params.additionalProperty}'`;
  return `${where(error)} ${error.message ?? "is invalid"}`;
}

/** The required properties an object lacks, in one line per object. */
function describeMissing(errors: ErrorObject[]): string[] {
  const byPlace = new Map<string, string[]>();
  for (const error of errors) {
    const list = byPlace.get(where(error)) ?? [];
    list.push(`'${(error.params as { missingProperty: string }).missingProperty}'`);
    byPlace.set(where(error), list);
  }
  return [...byPlace].map(([place, names]) =>
    names.length === 1 ? `${place} must have required property ${names[0]}` : `${place} must have required properties ${[...new Set(names)].join(", ")}`,
  );
}

/**
 * The errors worth reading: a union (`anyOf`/`oneOf`, and the `null`
 * alternative of a nullable schema) only speaks when none of its branches
 * said something more precise at or below its place.
 */
function summarise(errors: ErrorObject[]): string[] {
  const precise = errors.filter((e) => !isUnion(e) && !isNullBranch(e));
  const vague = errors.filter((e) => (isUnion(e) || isNullBranch(e)) && !precise.some((p) => within(p.instancePath, e.instancePath)));
  const shown = [...precise, ...vague];
  const missing = describeMissing(shown.filter((e) => e.keyword === "required"));
  const lines = [...new Set([...missing, ...shown.filter((e) => e.keyword !== "required").map(describe)])];
  return lines.length > MAX_SHOWN ? [...lines.slice(0, MAX_SHOWN), `… and ${lines.length - MAX_SHOWN} more`] : lines;
}

/**
 * Checks the JSON bodies the sandbox answers against the response schemas of
 * GitHub's OpenAPI description: the `application/json` schema documented for
 * the operation and its success status. Error bodies (all made by the router
 * in GitHub's `basic-error` shape) and statuses or media types the description
 * does not document pass unchecked. Each schema is compiled on first use and
 * kept for the process, and on disk for the next one (see
 * {@link StandaloneValidatorCache}).
 */
export class ResponseValidator {
  private readonly validators = new Map<string, ValidateFunction | null>();
  private readonly cache: StandaloneValidatorCache | undefined;

  /** `cacheDir: null` compiles in memory only. */
  constructor(
    private readonly spec: OpenApiDocument,
    options: { cacheDir?: string | null } = {},
  ) {
    const dir = options.cacheDir === undefined ? defaultValidatorCacheDir("response-validators") : options.cacheDir;
    this.cache =
      dir === null
        ? undefined
        : new StandaloneValidatorCache({ dir, salt: `${normaliseOpenApiSchema.toString()}\n${openApiAjv.toString()}`, ajv: () => openApiAjv(spec, "json") });
  }

  /**
   * What is wrong with `body` as `route`'s response with `status`, as one
   * line naming the method, route template, status and each failing path —
   * `response GET /repos/{owner}/{repo} 200: /owner must have required
   * property 'login'` — or undefined when it conforms.
   */
  check(params: { route: Route; status: number; body: unknown }): string | undefined {
    const { route, status, body } = params;
    if (status < 200 || status > 299) return undefined;
    const validate = this.validator(route, status);
    if (!validate || validate(body)) return undefined;
    return `response ${route.method} ${route.template} ${status}: ${summarise(validate.errors ?? []).join("; ")}`;
  }

  private validator(route: Route, status: number): ValidateFunction | null {
    const key = `${route.operationId} ${status}`;
    const cached = this.validators.get(key);
    if (cached !== undefined) return cached;
    const schema = ERRATA[key] ?? this.response(route, status)?.content?.["application/json"]?.schema;
    const normalised = schema === undefined ? undefined : (normaliseOpenApiSchema(schema) as object);
    const compiled = normalised === undefined ? null : this.cache ? this.cache.get(normalised) : openApiAjv(this.spec, "json").compile(normalised);
    this.validators.set(key, compiled);
    return compiled;
  }

  private response(route: Route, status: number): OpenApiResponse | undefined {
    const response = route.operation.responses?.[String(status)];
    if (response === undefined || !("$ref" in response)) return response;
    const name = response.$ref.split("/").pop() as string;
    return this.spec.components.responses?.[name];
  }
}
