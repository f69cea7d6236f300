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

  it("says in one line what is wrong and how to fix it", () => {
    expect(() => assertSafeEnvironment({ NODE_ENV: "production", WEBHOOK_SECRET: "abc" })).toThrow(
      new Error(
        "Refusing to start: NODE_ENV=production needs a real WEBHOOK_SECRET, but it is 3 characters long; " +
          "set WEBHOOK_SECRET to the secret configured on the GitHub App (at least 16 characters)",
      ),
    );
  });

  it.each([
    ["production with a real secret", { NODE_ENV: "production", WEBHOOK_SECRET: "s3cr3t-0123456789abcdef" }],
    ["development without a secret", { NODE_ENV: "development" }],
    ["no NODE_ENV", {}],
  ])("allows %s", (_name, env) => {
    expect(() => assertSafeEnvironment(env)).not.toThrow();
  });
});
