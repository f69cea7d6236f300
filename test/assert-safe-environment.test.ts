import { describe, expect, it } from "vitest";
import { assertSafeEnvironment } from "../src/assert-safe-environment.js";

describe("assertSafeEnvironment", () => {
  it.each([
    ["no secret", { NODE_ENV: "production" }],
    ["Probot's silent default", { NODE_ENV: "production", WEBHOOK_SECRET: "development" }],
    ["a short secret", { NODE_ENV: "production", WEBHOOK_SECRET: "abc" }],
  ])("refuses production with %s", (_name, env) => {
    expect(() => assertSafeEnvironment(env)).toThrow(/Refusing to start: NODE_ENV=production needs a real WEBHOOK_SECRET/);
  });

  it.each([
    ["production with a real secret", { NODE_ENV: "production", WEBHOOK_SECRET: "s3cr3t-0123456789abcdef" }],
    ["development without a secret", { NODE_ENV: "development" }],
    ["no NODE_ENV", {}],
  ])("allows %s", (_name, env) => {
    expect(() => assertSafeEnvironment(env)).not.toThrow();
  });
});
