import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import type { OpenApiDocument } from "./openapi-spec.js";
import { normaliseOpenApiSchema as normalise, openApiAjv } from "./openapi-ajv.js";
import type { Route, RouteTable } from "./route-table.js";

function pathOf(error: ErrorObject): string {
  const parts = error.instancePath.split("/").filter(Boolean);
  return parts.length === 0 ? "" : parts.map((p) => (/^\d+$/.test(p) ? "items" : `properties/${p}`)).join("/");
}

/** One ajv error in the words GitHub uses in its 422 messages. */
function describe(error: ErrorObject): string {
  const where = pathOf(error);
  const value = JSON.stringify(error.data);
  switch (error.keyword) {
    case "required":
      return `"${(error.params as { missingProperty: string }).missingProperty}" wasn't supplied.`;
    case "type":
      return `For '${where}', ${value} is not ${/^[aeiou]/.test(String(error.params.type)) ? "an" : "a"} ${String(error.params.type)}.`;
    case "enum":
      return `For '${where}', ${value} is not a member of ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}.`;
    case "oneOf":
    case "anyOf":
      return `For '${where}', ${value} is not a valid value (no subschema in "${error.keyword}" matched).`;
    default:
      return `For '${where}', ${value} ${error.message ?? "is invalid"}.`;
  }
}

/** A failed check, as GitHub would word it. */
export interface ValidationFailure {
  /** `Invalid request.\n\n…` — GitHub's 422 message. */
  message: string;
  /** Which part failed. */
  part: "parameters" | "body";
}

/**
 * Validates a request's path/query parameters and JSON body against the
 * operation's schemas in GitHub's OpenAPI description, with ajv. Validators
 * are compiled on first use of an operation and cached.
 */
export class RequestValidator {
  private readonly bodyAjv: Ajv;
  private readonly paramAjv: Ajv;
  private readonly bodyValidators = new Map<string, ValidateFunction | null>();
  private readonly paramValidators = new Map<string, ValidateFunction>();

  constructor(
    spec: OpenApiDocument,
    private readonly routes: RouteTable,
  ) {
    this.bodyAjv = openApiAjv(spec, "json");
    this.paramAjv = openApiAjv(spec, "params");
  }

  /**
   * Checks `params` (path + query, mutated in place by coercion) and `body`.
   * Returns the first failure, or undefined when the request is valid.
   */
  validate(params: { route: Route; params: Record<string, unknown>; body: unknown; hasBody: boolean }): ValidationFailure | undefined {
    const { route } = params;
    const checkParams = this.paramValidator(route);
    if (!checkParams(params.params)) return { part: "parameters", message: this.message(checkParams.errors) };
    const checkBody = this.bodyValidator(route);
    if (!checkBody) return undefined;
    const required = route.operation.requestBody?.required ?? false;
    if (!params.hasBody) {
      return required ? { part: "body", message: "Invalid request.\n\nInvalid input: object is missing." } : undefined;
    }
    if (!checkBody(params.body)) return { part: "body", message: this.message(checkBody.errors) };
    return undefined;
  }

  private message(errors: ErrorObject[] | null | undefined): string {
    // oneOf/anyOf failures drag every branch's errors along; the summary
    // line for the union is the useful one.
    const list = errors ?? [];
    const unions = list.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
    const shown = list.filter((e) => !unions.some((u) => e.schemaPath.startsWith(`${u.schemaPath}/`)));
    const lines = [...new Set(shown.map(describe))];
    return `Invalid request.\n\n${lines.join("\n")}`;
  }

  private paramValidator(route: Route): ValidateFunction {
    const cached = this.paramValidators.get(route.operationId);
    if (cached) return cached;
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (const raw of route.operation.parameters ?? []) {
      const param = this.routes.resolveParameter(raw);
      if (param.in !== "path" && param.in !== "query") continue;
      properties[param.name] = normalise(param.schema ?? {});
      if (param.required) required.push(param.name);
    }
    const compiled = this.paramAjv.compile({ type: "object", properties, required });
    this.paramValidators.set(route.operationId, compiled);
    return compiled;
  }

  private bodyValidator(route: Route): ValidateFunction | null {
    const cached = this.bodyValidators.get(route.operationId);
    if (cached !== undefined) return cached;
    const schema = route.operation.requestBody?.content?.["application/json"]?.schema;
    const compiled = schema === undefined ? null : this.bodyAjv.compile(normalise(schema) as object);
    this.bodyValidators.set(route.operationId, compiled);
    return compiled;
  }
}
