import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configJsonSchema } from "../../src/config/config-json-schema.js";

const committed = readFileSync(new URL("../../schema/factory.schema.json", import.meta.url), "utf8");
const validate = new Ajv2020({ allErrors: true }).compile(configJsonSchema());

describe("configJsonSchema", () => {
  it("matches the committed schema/factory.schema.json (run `npm run schema` after changing src/config)", () => {
    expect(committed).toBe(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  });

  it("identifies itself", () => {
    expect(configJsonSchema()).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: expect.any(String),
      title: "Factory configuration",
    });
  });

  it("accepts the documented example and an empty file", () => {
    const full: unknown = parse(readFileSync(new URL("../../fixtures/configs/full.yml", import.meta.url), "utf8"));
    expect(validate(full), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({})).toBe(true);
  });

  it.each<[string, unknown]>([
    ["a misspelt key", { agnets: [] }],
    ["repoShare above 1", { budget: { repoShare: 1.5 } }],
    ["a negative quota", { budget: { members: [{ login: "octocat", dailyQuota: -1 }] } }],
    ["a lower-case variable name", { agents: [{ name: "jules", tokenEnv: "not a name" }] }],
    ["an unknown trigger type", { agents: [{ name: "x", trigger: { type: "webhook" } }] }],
  ])("rejects %s, so editors flag it too", (_name, input) => {
    expect(validate(input)).toBe(false);
  });

  it("shows the schema's defaults to editors", () => {
    const schema = configJsonSchema() as { properties: Record<string, { properties: Record<string, { default?: unknown }> }> };
    expect(schema.properties.epics?.properties.minChildren?.default).toBe(3);
    expect(schema.properties.merge?.properties.method?.default).toBe("squash");
    expect(schema.properties.budget?.properties.repoShare?.default).toBe(0.4);
  });
});
