import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The parts of an OpenAPI 3.0 document the sandbox reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation | unknown>>;
  components: {
    schemas: Record<string, unknown>;
    parameters: Record<string, OpenApiParameter>;
    responses?: Record<string, OpenApiResponse>;
    [key: string]: unknown;
  };
}

/** One operation (method + path) of the document. */
export interface OpenApiOperation {
  operationId: string;
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  /** Keyed by status code (`"200"`); shared responses are `$ref`s into `components.responses`. */
  responses?: Record<string, OpenApiResponse | { $ref: string }>;
}

/** One documented response of an operation. */
export interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
}

/** A path, query or header parameter. */
export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: unknown;
  "x-multi-segment"?: boolean;
}

let cached: OpenApiDocument | undefined;

/**
 * GitHub's REST description for api.github.com, parsed once per process.
 * Only this one file is read: the package's index would load every GHES
 * version too (hundreds of megabytes).
 */
export function loadOpenApiSpec(): OpenApiDocument {
  if (!cached) {
    const file = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
    cached = JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
  }
  return cached;
}
