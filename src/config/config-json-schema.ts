import { z } from "zod";
import { configSchema } from "./schema.js";

/** Identifier of the published schema, used by editors that map it to `.github/factory.yml`. */
export const CONFIG_JSON_SCHEMA_ID = "urn:factory:schema:factory.yml";

/**
 * The JSON Schema of `.github/factory.yml`, for editor completion and
 * validation (e.g. a `# yaml-language-server: $schema=` line). It describes
 * what may be written, not what the loader produces, so every field is
 * optional and shows its default.
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: CONFIG_JSON_SCHEMA_ID,
    title: "Factory configuration",
    description:
      "Settings of Factory in .github/factory.yml. Every field is optional and has a default; " +
      "_extends inherits from another repository's file.",
    ...rest,
  };
}
