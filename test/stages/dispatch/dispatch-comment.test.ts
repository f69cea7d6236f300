import { describe, expect, it } from "vitest";
import type { Trigger } from "../../../src/config/trigger-schema.js";
import { dispatchComment, mentionComment, targetBranchLine } from "../../../src/stages/dispatch/dispatch-comment.js";

type Mention = Extract<Trigger, { type: "mention" }>;

describe("targetBranchLine", () => {
  it.each<[string, number | undefined, string]>([
    ["epic/42-security", 42, "Target branch: `epic/42-security` (epic #42)"],
    ["epic/7-docs", 7, "Target branch: `epic/7-docs` (epic #7)"],
    ["main", undefined, "Target branch: `main`"],
  ])("names %s", (branch, epic, line) => {
    expect(targetBranchLine({ branch, ...(epic ? { epic } : {}) })).toBe(line);
  });
});

describe("dispatchComment", () => {
  it("says where to work, who has it and how the epic is merged", () => {
    expect(dispatchComment({ branch: "epic/42-security", epic: 42, agent: "jules", member: "mona" })).toBe(
      [
        "Target branch: `epic/42-security` (epic #42)",
        "",
        "Handed to **jules** on mona's quota. Open the pull request against `epic/42-security`; it is merged into the default branch with the rest of epic #42.",
      ].join("\n"),
    );
  });

  it("leaves the epic out of a direct dispatch", () => {
    expect(dispatchComment({ branch: "main", agent: "copilot", member: "hubot" })).toBe(
      "Target branch: `main`\n\nHanded to **copilot** on hubot's quota. Open the pull request against `main`.",
    );
  });
});

describe("mentionComment", () => {
  const claude: Mention = { type: "mention", mention: "@claude" };
  const custom: Mention = { type: "mention", mention: "@acme/coder", template: "work on {branch} for {epic}; push to {branch} only." };

  it.each<[string, Mention, number | undefined, string]>([
    ["the default wording on an epic", claude, 42, "@claude please implement this issue on `epic/42-security` (epic #42)."],
    ["the default wording without an epic", claude, undefined, "@claude please implement this issue on `main`."],
    ["a custom template on an epic", custom, 42, "@acme/coder work on epic/42-security for #42; push to epic/42-security only."],
    ["a custom template without an epic", custom, undefined, "@acme/coder work on main for none; push to main only."],
  ])("writes %s", (_name, trigger, epic, text) => {
    const branch = epic ? "epic/42-security" : "main";
    expect(mentionComment({ trigger, branch, ...(epic ? { epic } : {}) })).toBe(text);
  });
});
