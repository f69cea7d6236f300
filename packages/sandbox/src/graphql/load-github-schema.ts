import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildSchema } from "graphql";
import type { GraphQLSchema } from "graphql";
import { SCHEMA_EXTENSIONS } from "./schema-extensions.js";

let schema: GraphQLSchema | undefined;

/**
 * GitHub's GraphQL schema (`@octokit/graphql-schema`, plus the few newer
 * fields in `schema-extensions.ts`), built once per process: building it
 * takes about a quarter of a second.
 *
 * `assumeValidSDL` is required because GitHub's SDL declares a few fields
 * twice, which graphql-js would otherwise reject.
 */
export function loadGithubSchema(): GraphQLSchema {
  if (schema !== undefined) {
    return schema;
  }
  const file = locateSdl();
  let sdl: string;
  try {
    sdl = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read GitHub's GraphQL schema at ${file}`, { cause: error });
  }
  schema = buildSchema(`${sdl}\n${SCHEMA_EXTENSIONS}`, { assumeValidSDL: true });
  return schema;
}

/**
 * The package's `exports` map exposes only its ESM entry (which also parses a
 * large JSON copy of the schema), so the SDL file is found by walking the same
 * `node_modules` directories Node would search.
 */
function locateSdl(): string {
  const require = createRequire(import.meta.url);
  const searched = require.resolve.paths("@octokit/graphql-schema") ?? [];
  for (const directory of searched) {
    const candidate = join(directory, "@octokit", "graphql-schema", "schema.graphql");
    if (existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error(`@octokit/graphql-schema/schema.graphql not found (searched ${searched.join(", ")})`);
}
