import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { classifyPluginFailure } from "../../src/config/classify-plugin-failure.js";

const URL_API = "https://api.github.com/repos/acme/api/contents/.github%2Ffactory.yml";
const pluginError = (message: string, options?: ErrorOptions) =>
  new Error(`[@probot/octokit-plugin-config] ${message}`, options);

function yamlError(text: string): unknown {
  try {
    parse(text);
  } catch (error) {
    return error;
  }
  throw new Error("expected invalid YAML");
}

describe("classifyPluginFailure", () => {
  it("takes the line of a YAML syntax error from the parser", () => {
    const failure = classifyPluginFailure(
      pluginError(`Configuration could not be parsed from ${URL_API} (invalid YAML)`, { cause: yamlError("a:\n\tb: 1\n") }),
    );
    expect(failure).toMatchObject({
      file: { owner: "acme", repo: "api", path: ".github/factory.yml" },
      line: 2,
      summary: "invalid YAML: Tabs are not allowed as indentation",
    });
  });

  it.each([
    [`Configuration could not be parsed from ${URL_API} (YAML is not an object)`, [], "single value"],
    [`Invalid value "a b" for _extends in ${URL_API}`, ["_extends"], "invalid _extends"],
    [
      `Recursion detected. Ignoring  "_extends: undefined" from ${URL_API} because https://api.github.com/repos/acme/shared/contents/.github%2Ffactory.yml was already loaded.`,
      ["_extends"],
      "circle",
    ],
  ])("recognises %s", (message, locate, summary) => {
    const failure = classifyPluginFailure(pluginError(message));
    expect(failure?.file).toEqual({ owner: "acme", repo: "api", path: ".github/factory.yml" });
    expect(failure?.locate).toEqual(locate);
    expect(failure?.summary).toContain(summary);
  });

  it("recognises a directory where the file should be, without a line", () => {
    const failure = classifyPluginFailure(pluginError(`${URL_API} exists, but is either a directory or a submodule. Ignoring.`));
    expect(failure).toMatchObject({ summary: expect.stringContaining("directory") });
    expect(failure?.locate).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ["an HTTP error", Object.assign(pluginError(`Configuration could not be parsed from ${URL_API} (invalid YAML)`), { status: 500 })],
    ["someone else's error", new Error("socket hang up")],
    ["a thrown string", "boom"],
    ["an unrecognised plugin message", pluginError("something new")],
  ])("leaves %s alone", (_name, error) => {
    expect(classifyPluginFailure(error)).toBeUndefined();
  });
});
