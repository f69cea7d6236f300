import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import type { OpenApiDocument } from "./openapi-spec.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The id GitHub's components are registered under, so `$ref`s resolve into them. */
const DOCUMENT_ID = "https://sandbox.invalid/github-openapi.json";

/**
 * Turns a schema from GitHub's OpenAPI 3.0 dialect into plain JSON Schema:
 * local `#/components/...` refs resolve into the registered document, and
 * `nullable: true` becomes an explicit `null` alternative (ajv rejects
 * `nullable` without `type`, which GitHub uses beside `oneOf` and `$ref`).
 */
export function normaliseOpenApiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(normaliseOpenApiSchema);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `${DOCUMENT_ID}${value}` : normaliseOpenApiSchema(value);
  }
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

/** How an {@link openApiAjv} instance treats the values it checks. */
export type OpenApiAjvFlavour =
  /** JSON bodies, checked as they are (request and response bodies). */
  | "json"
  /** Path and query values, which arrive as strings: coerced as GitHub does. */
  | "params";

interface PerSpec {
  components?: Record<string, unknown>;
  flavours: Partial<Record<OpenApiAjvFlavour, Ajv>>;
}

const bySpec = new WeakMap<OpenApiDocument, PerSpec>();

/**
 * An ajv instance with GitHub's components registered (normalised by
 * {@link normaliseOpenApiSchema}), one per spec and flavour for the whole
 * process: request and response validators share it, so a component both
 * use (`simple-user`, `repository`) is compiled once.
 */
export function openApiAjv(spec: OpenApiDocument, flavour: OpenApiAjvFlavour): Ajv {
  let entry = bySpec.get(spec);
  if (!entry) {
    entry = { flavours: {} };
    bySpec.set(spec, entry);
  }
  const existing = entry.flavours[flavour];
  if (existing) return existing;
  entry.components ??= normaliseOpenApiSchema(spec.components) as Record<string, unknown>;
  // strict: false because GitHub's description uses OpenAPI keywords
  // (`example`, `x-github`, `discriminator`) and formats ajv does not know.
  // inlineRefs: false compiles each component once, as a function of its
  // own, instead of copying it into every schema that uses it: a pull
  // request holds a dozen users and two repositories.
  const ajv = addFormats(
    new Ajv({
      strict: false,
      allErrors: true,
      verbose: true,
      logger: false,
      inlineRefs: false,
      // Keep each validator's source, for the disk cache of response validators.
      code: { source: true },
      ...(flavour === "params" ? { coerceTypes: "array" as const } : {}),
    }),
  );
  ajv.addSchema({ components: entry.components, $id: DOCUMENT_ID });
  entry.flavours[flavour] = ajv;
  return ajv;
}

