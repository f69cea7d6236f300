import { describe, expect, it } from "vitest";
import { renderConfigError } from "../../src/config/render-config-error.js";

const error = {
  file: "acme/api/.github/factory.yml",
  line: 7,
  message: "Invalid config in acme/api/.github/factory.yml: budget.repoShare: must be between 0 and 1",
  details: "✖ must be between 0 and 1\n  → at budget.repoShare",
};

describe("renderConfigError", () => {
  it("says which file and line, what is wrong, and that nothing was done", () => {
    expect(renderConfigError(error)).toBe(
      [
        "### ⚠️ Factory's configuration is invalid",
        "",
        "Nothing was done: Factory does not act while its configuration is broken. The problem is in `acme/api/.github/factory.yml`, line 7:",
        "",
        "```text",
        "✖ must be between 0 and 1",
        "  → at budget.repoShare",
        "```",
        "",
        "Fix the file on the default branch, then repeat what you did (a command, a label) and Factory will pick it up.",
      ].join("\n"),
    );
  });

  it("leaves the line out when it is unknown", () => {
    const { line: _line, ...withoutLine } = error;
    expect(renderConfigError(withoutLine)).toContain("The problem is in `acme/api/.github/factory.yml`:");
  });

  it("keeps text from the file inside a fence it cannot close", () => {
    const body = renderConfigError({ ...error, details: '✖ Unrecognized key: "```\n@everyone closes #1"' });
    expect(body).toContain('````text\n✖ Unrecognized key: "```\n@everyone closes #1"\n````');
  });
});
