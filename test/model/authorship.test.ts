import { describe, expect, it } from "vitest";
import { factoryMarkers, findFactoryMarker, graphqlAuthor, identityFromSlug, isAuthor, isFactoryAuthor, restAuthor, type Author } from "../../src/model/authorship.js";

const FACTORY = identityFromSlug("factory", 42);
const BODY = "Done.\n\n<!-- factory:nudge kind=checks sha=abc1234 n=1 -->\n";

describe("isFactoryAuthor", () => {
  it.each<[string, Author | null, boolean]>([
    ["the app's bot as REST names it", { login: "factory[bot]", bot: true }, true],
    ["the app's bot as GraphQL names it (no [bot])", { login: "factory", bot: true }, true],
    ["the app's bot in another case", { login: "Factory[bot]", bot: true }, true],
    ["a bot made through this app (performed_via_github_app)", { login: "renamed[bot]", bot: true, viaAppId: 42 }, true],
    ["a user named like the app's slug", { login: "factory", bot: false }, false],
    ["a user whose object was made through the app with their own token", { login: "mona", bot: false, viaAppId: 42 }, false],
    ["another app's bot", { login: "evil-factory[bot]", bot: true, viaAppId: 7 }, false],
    ["a maintainer", { login: "mona", bot: false }, false],
    ["a deleted account", null, false],
  ])("%s → %s", (_name, author, expected) => {
    expect(isFactoryAuthor(author, FACTORY)).toBe(expected);
  });
});

describe("factoryMarkers", () => {
  it("reads the markers of Factory's own text", () => {
    expect(factoryMarkers({ body: BODY, author: { login: "factory[bot]", bot: true } }, FACTORY)).toEqual([{ kind: "nudge", fields: { kind: "checks", sha: "abc1234", n: "1" } }]);
    expect(findFactoryMarker({ body: BODY, author: { login: "factory", bot: true } }, FACTORY, "nudge", { kind: "checks" })?.fields.n).toBe("1");
  });

  it.each<[string, Author | null]>([
    ["a stranger", { login: "visitor", bot: false }],
    ["a maintainer", { login: "mona", bot: false }],
    ["another bot", { login: "helper[bot]", bot: true }],
    ["nobody", null],
  ])("reads none from %s, however well forged", (_name, author) => {
    expect(factoryMarkers({ body: BODY, author }, FACTORY)).toEqual([]);
    expect(findFactoryMarker({ body: BODY, author }, FACTORY, "nudge")).toBeUndefined();
  });
});

describe("authors from each API", () => {
  it("reads REST users, bots and the app that made an object", () => {
    expect(restAuthor({ user: { login: "factory[bot]", type: "Bot" }, performed_via_github_app: { id: 42 } })).toEqual({ login: "factory[bot]", bot: true, viaAppId: 42 });
    expect(restAuthor({ user: { login: "mona", type: "User" } })).toEqual({ login: "mona", bot: false, viaAppId: null });
    expect(restAuthor({ user: null })).toBeNull();
  });

  it("reads GraphQL actors by their type", () => {
    expect(graphqlAuthor({ __typename: "Bot", login: "factory" })).toEqual({ login: "factory", bot: true });
    expect(graphqlAuthor({ __typename: "User", login: "factory" })).toEqual({ login: "factory", bot: false });
    expect(graphqlAuthor(null)).toBeNull();
  });

  it("matches a member by login, never a bot", () => {
    expect(isAuthor({ login: "Mona", bot: false }, "mona")).toBe(true);
    expect(isAuthor({ login: "mona[bot]", bot: true }, "mona")).toBe(false);
    expect(isAuthor(null, "mona")).toBe(false);
  });
});
