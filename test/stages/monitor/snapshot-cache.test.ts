import { describe, expect, it } from "vitest";
import type { IssueView } from "../../../src/github/list-issues.js";
import { MemoryState } from "../../../src/queue/shared-state.js";
import { SnapshotCache, stillHolds } from "../../../src/stages/monitor/snapshot-cache.js";
import { child, closed, EPIC, epicBody, NOW, snapshot } from "./monitor-fixture.js";

const REPO = { owner: "acme", repo: "api" };
const SNAP = snapshot({ ticked: [11], children: [closed(11), child(12, { labels: ["factory:dispatched", "type:security"] }), child(13)] });

/** The open issues GitHub lists for {@link SNAP}: the epic and its two open children. */
function listed(overrides: { epicBody?: string; drop?: number; extra?: IssueView; labels12?: string[] } = {}): IssueView[] {
  const view = (number: number, title: string, body: string, labels: string[]): IssueView => ({ id: number, number, title, body, state: "open", labels, createdAt: "2026-11-20T00:00:00Z", author: { login: "factory[bot]", bot: true } });
  return [
    view(EPIC, "Security epic", overrides.epicBody ?? epicBody([11]), ["epic"]),
    view(12, "security(api): fix 12", "", overrides.labels12 ?? ["type:security", "factory:dispatched"]),
    view(13, "security(api): fix 13", "", ["factory:dispatched"]),
    ...(overrides.extra ? [overrides.extra] : []),
  ].filter((issue) => issue.number !== overrides.drop);
}

describe("stillHolds", () => {
  it("holds while the epic's body and its children's state, titles and labels agree (label order aside)", () => {
    expect(stillHolds(SNAP, listed())).toBe(true);
  });

  it.each([
    ["a tick was added to the body", { epicBody: epicBody([11, 12]) }],
    ["an open child was closed", { drop: 12 }],
    ["the epic was closed", { drop: EPIC }],
    ["a closed child was reopened", { extra: { id: 11, number: 11, title: "security(api): fix 11", body: "", state: "open" as const, labels: [], createdAt: "", author: null } }],
    ["a child's labels changed", { labels12: ["type:security"] }],
  ])("fails when %s", (_what, overrides) => {
    expect(stillHolds(SNAP, listed(overrides))).toBe(false);
  });
});

describe("SnapshotCache", () => {
  it("gives back a snapshot while it is young, and not after it is forgotten or aged", async () => {
    const cache = new SnapshotCache();
    await cache.remember(REPO, EPIC, SNAP, NOW);
    expect(await cache.recent({ owner: "ACME", repo: "api" }, EPIC, new Date(NOW.getTime() + 60_000), 600_000)).toBe(SNAP);
    expect(await cache.recent(REPO, EPIC, new Date(NOW.getTime() + 600_001), 600_000)).toBeUndefined();
    expect(await cache.recent(REPO, EPIC + 1, NOW, 600_000)).toBeUndefined();
    await cache.forget(REPO, EPIC);
    expect(await cache.recent(REPO, EPIC, NOW, 600_000)).toBeUndefined();
  });

  it("keeps at most its size, dropping the oldest", async () => {
    const cache = new SnapshotCache(2);
    for (const epic of [1, 2, 3]) await cache.remember(REPO, epic, SNAP, NOW);
    const found = await Promise.all([1, 2, 3].map(async (epic) => (await cache.recent(REPO, epic, NOW, 1)) !== undefined));
    expect(found).toEqual([false, true, true]);
  });

  it("with a shared state, stops giving back a snapshot once another instance remembered or forgot the epic", async () => {
    const state = new MemoryState();
    const here = new SnapshotCache(10, state);
    const there = new SnapshotCache(10, state);
    await here.remember(REPO, EPIC, SNAP, NOW);
    expect(await here.recent(REPO, EPIC, NOW, 600_000)).toBe(SNAP);
    await there.remember(REPO, EPIC, SNAP, NOW);
    expect(await here.recent(REPO, EPIC, NOW, 600_000)).toBeUndefined();
    expect(await there.recent(REPO, EPIC, NOW, 600_000)).toBe(SNAP);
    await here.remember(REPO, EPIC, SNAP, NOW);
    await there.forget(REPO, EPIC);
    expect(await here.recent(REPO, EPIC, NOW, 600_000)).toBeUndefined();
  });
});
