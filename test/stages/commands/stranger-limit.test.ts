import { describe, expect, it } from "vitest";
import { StrangerLimit, STRANGER_WINDOW_MS } from "../../../src/stages/commands/stranger-limit.js";
import { MemoryState } from "../../../src/queue/shared-state.js";
import { VirtualClock } from "../../helpers/virtual-clock.js";

const repo = { owner: "acme", repo: "api" };

function limiter(options: { maxEntries?: number } = {}) {
  const clock = new VirtualClock();
  return { clock, limit: new StrangerLimit({ clock, ...options }) };
}

describe("StrangerLimit", () => {
  it("answers a person once per issue and hour", async () => {
    const { clock, limit } = limiter();
    const key = { repo, issue: 1, login: "drifter" };
    expect(await limit.admit(key)).toBe(true);
    expect(await limit.admit(key)).toBe(false);
    await clock.sleep(STRANGER_WINDOW_MS - 1);
    expect(await limit.admit(key)).toBe(false);
    await clock.sleep(1);
    expect(await limit.admit(key)).toBe(true);
    expect(await limit.admit(key)).toBe(false);
  });

  it.each([
    ["another issue", { repo, issue: 2, login: "drifter" }],
    ["another person", { repo, issue: 1, login: "wanderer" }],
    ["another repository", { repo: { owner: "acme", repo: "web" }, issue: 1, login: "drifter" }],
    ["another owner", { repo: { owner: "umbrella", repo: "api" }, issue: 1, login: "drifter" }],
  ])("counts %s separately", async (_name, other) => {
    const { limit } = limiter();
    expect(await limit.admit({ repo, issue: 1, login: "drifter" })).toBe(true);
    expect(await limit.admit(other)).toBe(true);
    expect(await limit.admit(other)).toBe(false);
  });

  it("ignores case in logins and names, as GitHub does", async () => {
    const { limit } = limiter();
    expect(await limit.admit({ repo, issue: 1, login: "Drifter" })).toBe(true);
    expect(await limit.admit({ repo: { owner: "ACME", repo: "Api" }, issue: 1, login: "drifter" })).toBe(false);
  });

  it("forgets answers older than the window, so its memory stays bounded", async () => {
    const { clock, limit } = limiter();
    for (let issue = 1; issue <= 100; issue++) limit.admit({ repo, issue, login: "drifter" });
    expect(limit.size).toBe(100);
    await clock.sleep(STRANGER_WINDOW_MS / 2);
    limit.admit({ repo, issue: 1, login: "late" });
    expect(limit.size).toBe(101);
    await clock.sleep(STRANGER_WINDOW_MS / 2);
    expect(limit.size).toBe(1);
    await clock.sleep(STRANGER_WINDOW_MS / 2);
    expect(limit.size).toBe(0);
  });

  it("drops the oldest answers past its cap", async () => {
    const { limit } = limiter({ maxEntries: 3 });
    for (const login of ["a", "b", "c", "d"]) expect(await limit.admit({ repo, issue: 1, login })).toBe(true);
    expect(limit.size).toBe(3);
    // The oldest was forgotten: that person may be answered once more; the others may not.
    expect(await limit.admit({ repo, issue: 1, login: "a" })).toBe(true);
    expect(await limit.admit({ repo, issue: 1, login: "c" })).toBe(false);
  });

  it("with a shared state, answers a person once across every instance", async () => {
    const clock = new VirtualClock();
    const state = new MemoryState(() => clock.now().getTime());
    const here = new StrangerLimit({ clock, state });
    const there = new StrangerLimit({ clock, state });
    const key = { repo, issue: 1, login: "drifter" };
    expect(await here.admit(key)).toBe(true);
    expect(await there.admit(key)).toBe(false);
    await clock.sleep(STRANGER_WINDOW_MS);
    expect(await there.admit(key)).toBe(true);
  });
});
