/**
 * Writes schema/factory.schema.json from the zod schema of
 * `.github/factory.yml`. Run after changing src/config: `npm run schema`.
 * A test fails while the committed file is stale.
 */
import { writeFile } from "node:fs/promises";
import { configJsonSchema } from "../src/config/config-json-schema.js";

const target = new URL("../schema/factory.schema.json", import.meta.url);
await writeFile(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
