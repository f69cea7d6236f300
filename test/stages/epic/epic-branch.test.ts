import { describe, expect, it } from "vitest";
import { epicBranch } from "../../../src/stages/epic/epic-branch.js";

describe("epicBranch", () => {
  it.each<[string, string, number, string | undefined, string]>([
    ["a themed epic", "epic/", 42, "security", "epic/42-security"],
    ["another prefix", "factory/epics/", 7, "docs", "factory/epics/7-docs"],
    ["upper case and spaces", "epic/", 42, "Auth Service", "epic/42-auth-service"],
    ["punctuation runs", "epic/", 42, "api: v2 & auth!!", "epic/42-api-v2-auth"],
    ["leading and trailing junk", "epic/", 42, "--security--", "epic/42-security"],
    ["ref-breaking characters", "epic/", 42, "a..b~c^d:e?f*g[h\\i", "epic/42-a-b-c-d-e-f-g-h-i"],
    ["non-ASCII letters", "epic/", 42, "sécurité", "epic/42-s-curit"],
    ["a slug of junk only", "epic/", 42, "!!!", "epic/42-epic"],
    ["an empty slug", "epic/", 42, "", "epic/42-epic"],
    ["no slug", "epic/", 42, undefined, "epic/42-epic"],
  ])("names the branch of %s", (_name, prefix, number, slug, branch) => {
    expect(epicBranch({ prefix, number, slug })).toBe(branch);
  });
});
