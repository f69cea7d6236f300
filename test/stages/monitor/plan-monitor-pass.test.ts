import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../../src/model/ledger-entry.js";
import { planMonitorPass } from "../../../src/stages/monitor/plan-monitor-pass.js";
import { child, closed, config, EPIC, merged, NOW, pull, REPO, snapshot } from "./monitor-fixture.js";

const entry = (issue: number, attempt: number): LedgerEntry => ({
  v: 1,
  kind: "dispatch",
  key: `${REPO}#${issue}:${attempt}`,
  time: "2026-11-21T09:00:00Z",
  repo: REPO,
  issue,
  epic: EPIC,
  agent: "jules",
  member: "mona",
  delivery: "d-1",
});

const ledger = (entries: LedgerEntry[], released: string[] = []) => ({
  location: { repo: { owner: "acme", repo: ".github" }, branch: "main", directory: "ledger" },
  path: "ledger/dispatch-2026-11.jsonl",
  file: { owner: "acme", repo: ".github", branch: "main", path: "ledger/dispatch-2026-11.jsonl" },
  entries,
  releases: released.map((key) => ({ v: 1 as const, kind: "release" as const, key, time: "2026-11-21T10:00:00Z", repo: REPO, issue: 12, reason: "r" })),
  unreadable: 0,
  text: "",
  sha: "abc",
});

describe("planMonitorPass: records and follow-up work as actions", () => {
  it("releases the child's last unreleased attempt from the ledger as read, after the pass's own writes and its journal record", () => {
    const closedUnmerged = pull(49, { state: "CLOSED", closedAt: "2026-11-22T11:00:00Z" });
    const seen = { snapshot: snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [closedUnmerged] }), child(13)] }), ledger: ledger([entry(12, 1), entry(12, 2)]) };
    const { actions, reply } = planMonitorPass({ seen, config: config(), now: NOW, repo: REPO });
    expect(reply.releases).toHaveLength(1);
    // Every write of the pass is there; records come first, the release after the pass's own writes.
    expect(actions.filter((a) => reply.actions.includes(a))).toEqual(reply.actions);
    expect(actions[0]).toMatchObject({ kind: "appendRecords", key: `journal:${EPIC}` });
    expect(actions.findIndex((a) => a.key.startsWith("release:"))).toBeGreaterThan(actions.indexOf(reply.actions.at(-1) as (typeof actions)[number]));
    expect(actions.find((a) => a.key.startsWith("release:"))).toEqual({
      kind: "appendRecords",
      key: `release:${EPIC}`,
      file: { owner: "acme", repo: ".github", branch: "main", path: "ledger/dispatch-2026-11.jsonl" },
      records: [{ v: 1, kind: "release", key: `${REPO}#12:2`, time: NOW.toISOString(), repo: REPO, issue: 12, reason: expect.any(String) }],
      message: `factory: release ${REPO}#12:2`,
    });
    // Already released: nothing to write.
    const again = planMonitorPass({ seen: { ...seen, ledger: ledger([entry(12, 1), entry(12, 2)], [`${REPO}#12:2`]) }, config: config(), now: NOW, repo: REPO });
    expect(again.actions.some((a) => a.key.startsWith("release:"))).toBe(false);
  });

  it("journals a merged child and enqueues the next phase when the phase is done and dispatch.auto is on", () => {
    const seen = { snapshot: snapshot({ ticked: [], children: [child(11, { pulls: [merged(50)] }), child(12, { labels: [] }), child(13, { labels: [] })] }) };
    const { actions, reply } = planMonitorPass({ seen, config: config(), now: NOW, repo: REPO });
    expect(reply.journal).toHaveLength(1);
    expect(actions.filter((a) => a.kind === "appendRecords")).toMatchObject([{ key: `journal:${EPIC}`, file: { path: "factory/journal-2026-11.jsonl" }, records: reply.journal }]);
    // Recorded and announced before the child is closed and ticked: a pass that dies after closing loses neither.
    const kinds = actions.map((a) => (a.kind === "comment" ? `comment:${a.marker.kind}` : a.kind));
    expect(kinds.indexOf("appendRecords")).toBeLessThan(kinds.indexOf("closeIssue"));
    expect(kinds.indexOf("comment:child-done")).toBeLessThan(kinds.indexOf("closeIssue"));
    expect(kinds.indexOf("closeIssue")).toBeLessThan(kinds.indexOf("setTicks"));
    expect(actions.at(-1)).toEqual({ kind: "enqueue", key: `dispatchNext:${REPO}#${EPIC}`, job: { kind: "dispatchNext", repo: REPO, epic: EPIC } });
  });
});
