import { describe, expect, it } from "vitest";
import { componentOf } from "../../../src/stages/audit/component-of.js";

describe("componentOf", () => {
  it.each<[string, string]>([
    ["internal/api/webhook.go", "api"],
    ["packages/web/src/Form.tsx", "web"],
    ["services/billing/app/models.py", "billing"],
    ["cmd/server/main.go", "server"],
    ["Dockerfile", "docker"],
    ["Dockerfile.dev", "docker"],
    ["docker-compose.yml", "docker"],
    ["go.mod", "deps"],
    ["package.json", "deps"],
    ["README.md", "readme"],
    ["app/(auth)/login/page.tsx", "auth"],
    ["docs/setup.md", "docs"],
    ["main.go", "main"],
    [".eslintrc.json", "eslintrc"],
    ["src/index.ts", "src"],
    ["src/auth/session.ts", "auth"],
    ["internal/api/", "api"],
    [".github/workflows/ci.yml", "ci"],
    ["apps/Admin_Portal/page.tsx", "admin-portal"],
    ["lib/My Module/x.js", "my-module"],
  ])("reads %j as %j", (path, expected) => {
    expect(componentOf({ path })).toBe(expected);
  });

  it("ignores the line number", () => {
    expect(componentOf({ path: "internal/api/webhook.go", line: 42 })).toBe("api");
  });

  it("is repo without a location", () => {
    expect(componentOf(undefined)).toBe("repo");
  });
});
