import { describe, expect, it } from "vitest";
import { ConfigCache, configPushed } from "../../src/config/config-cache.js";
import { MemoryState } from "../../src/queue/shared-state.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { testOctokit } from "./test-octokit.js";

const FILES = {
  "acme/api/.github/factory.yml": "_extends: .github\nmonitor:\n  nudgeAttempts: 2\n",
  "acme/.github/.github/factory.yml": "monitor:\n  nudgeTimeoutHours: 12\n",
  "acme/web/.github/factory.yml": "monitor:\n  nudgeAttempts: 4\n",
};

function setUp() {
  const clock = new VirtualClock();
  const { octokit, contents } = testOctokit({ files: { ...FILES } });
  const cache = new ConfigCache({ clock, ttlMs: 60_000 });
  const load = (repo: string, fresh = false) => cache.load({ octokit, owner: "acme", repo, fresh });
  return { clock, contents, cache, load };
}

describe("ConfigCache", () => {
  it("reads a repository's config (and the file it extends) once while it is young", async () => {
    const { contents, load } = setUp();
    const first = await load("api");
    const second = await load("API");
    expect(second).toBe(first);
    expect(first.ok && first.config.monitor).toMatchObject({ nudgeAttempts: 2, nudgeTimeoutHours: 12 });
    expect(contents.requests).toHaveLength(2);
  });

  it("reads again once the time to live has passed, or when asked for a fresh read", async () => {
    const { clock, contents, load } = setUp();
    await load("api");
    await clock.sleep(60_001);
    await load("api");
    expect(contents.requests).toHaveLength(4);
    await load("api", true);
    expect(contents.requests).toHaveLength(6);
    await load("api");
    expect(contents.requests).toHaveLength(6);
  });

  it("forgets every config of an owner", async () => {
    const { cache, contents, load } = setUp();
    await load("api");
    await load("web");
    await cache.forgetOwner("ACME");
    await load("web");
    // Two reads a load: acme/web's file does not extend the organisation's, which is read anyway (secrets and money are its).
    expect(contents.requests).toHaveLength(6);
  });

  it("with a shared state, forgets on every instance what a push told one of them", async () => {
    const clock = new VirtualClock();
    const state = new MemoryState(() => clock.now().getTime());
    const { octokit, contents } = testOctokit({ files: { ...FILES } });
    const here = new ConfigCache({ clock, ttlMs: 60_000, state });
    const there = new ConfigCache({ clock, ttlMs: 60_000, state });
    await here.load({ octokit, owner: "acme", repo: "api" });
    await here.load({ octokit, owner: "acme", repo: "api" });
    expect(contents.requests).toHaveLength(2);
    // The push reached the other instance.
    await there.forgetOwner("acme");
    await here.load({ octokit, owner: "acme", repo: "api" });
    expect(contents.requests).toHaveLength(4);
    await here.load({ octokit, owner: "acme", repo: "api" });
    expect(contents.requests).toHaveLength(4);
  });
});

describe("ConfigCache's log", () => {
  it("names each key a repository's file may not set, with its file and line, once per read", async () => {
    const { octokit } = testOctokit({ files: { ...FILES, "acme/web/.github/factory.yml": "budget:\n  repoShare: 1\n" } });
    const warned: Array<[Record<string, unknown>, string]> = [];
    const cache = new ConfigCache({ clock: new VirtualClock(), log: { warn: (fields: Record<string, unknown>, message: string) => void warned.push([fields, message]) } as never });
    await cache.load({ octokit, owner: "acme", repo: "web" });
    await cache.load({ octokit, owner: "acme", repo: "web" });
    expect(warned).toEqual([
      [
        { repo: "acme/web", file: "acme/web/.github/factory.yml", key: "budget.repoShare", line: 2 },
        expect.stringMatching(/^`budget\.repoShare` in acme\/web\/\.github\/factory\.yml \(line 2\) is ignored: /),
      ],
    ]);
  });
});

describe("configPushed", () => {
  const push = (ref: string, commits?: Array<{ added?: string[]; modified?: string[]; removed?: string[] }>) => ({ ref, repository: { default_branch: "main" }, ...(commits ? { commits } : {}) });

  it.each([
    ["a change to .github/factory.yml on the default branch", push("refs/heads/main", [{ modified: ["README.md"] }, { modified: [".github/factory.yml"] }]), true],
    ["a removed factory.yaml", push("refs/heads/main", [{ removed: [".github/factory.yaml"] }]), true],
    ["a push that lists no commits (a force push)", push("refs/heads/main", []), true],
    ["other files on the default branch", push("refs/heads/main", [{ added: ["src/app.ts"], modified: ["docs/factory.md"] }]), false],
    ["a config change on another branch", push("refs/heads/epic/7-security", [{ modified: [".github/factory.yml"] }]), false],
  ])("%s → %s", (_what, payload, expected) => {
    expect(configPushed(payload)).toBe(expected);
  });
});
