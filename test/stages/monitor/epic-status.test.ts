import { describe, expect, it } from "vitest";
import { epicStatus } from "../../../src/stages/monitor/epic-status.js";
import { planMonitor } from "../../../src/stages/monitor/plan-monitor.js";
import { renderEpicStatus } from "../../../src/stages/monitor/render-epic-status.js";
import { BRANCH, child, closed, config, EPIC, merged, NOW, nudge, pull, snapshot } from "./monitor-fixture.js";

const failing = { checks: [{ name: "test", status: "COMPLETED", conclusion: "FAILURE" }], nudges: [nudge("checks")] };
/** Phase 1 merged (#11 through #40); #12's pull request #50 fails its checks; #13 is not dispatched. */
const SNAPSHOT = snapshot({
  ticked: [11],
  children: [closed(11, { pulls: [merged(40)] }), child(12, { pulls: [pull(50, failing)] }), child(13, { labels: [] })],
});
const status = (snap = SNAPSHOT) => epicStatus({ snapshot: snap, plan: planMonitor({ snapshot: snap, config: config(), now: NOW }), config: config() });

describe("epicStatus", () => {
  it("counts each phase's closed children and says where each child is", () => {
    expect(status()).toEqual({
      number: EPIC,
      title: "Security epic",
      strangers: [],
      branch: BRANCH,
      phases: [
        {
          number: 1,
          name: "Foundations",
          kind: "blocking",
          done: 1,
          total: 1,
          children: [{ number: 11, state: "done", dispatched: true, pull: { number: 40, state: "merged" } }],
        },
        {
          number: 2,
          name: "Implementation",
          kind: "parallel",
          done: 0,
          total: 2,
          children: [
            { number: 12, state: "open", dispatched: true, pull: { number: 50, state: "open" }, waiting: "waiting for the agent to fix the failing checks" },
            { number: 13, state: "open", dispatched: false },
          ],
        },
      ],
    });
  });

  it("marks a listed child that is gone as missing, and matches the dispatched label in any case", () => {
    const snap = snapshot({ children: [child(11, { labels: ["Factory:Dispatched"] }), child(12)] });
    const [phase1, phase2] = status(snap).phases;
    expect(phase1?.children).toEqual([{ number: 11, state: "open", dispatched: true }]);
    expect(phase2?.children.map((c) => [c.number, c.state, c.dispatched])).toEqual([
      [12, "open", true],
      [13, "missing", false],
    ]);
  });

  it("keeps no waiting reason for a closed child", () => {
    const plan = { waiting: [{ pull: 40, child: 11, reason: "waiting for CI" }] };
    const result = epicStatus({ snapshot: SNAPSHOT, plan, config: config() });
    expect(result.phases[0]?.children[0]).toEqual({ number: 11, state: "done", dispatched: true, pull: { number: 40, state: "merged" } });
  });
});

describe("renderEpicStatus", () => {
  it("renders the title, each phase's progress and each child's line", () => {
    expect(renderEpicStatus(status())).toBe(
      [
        `**Security epic** on \`${BRANCH}\``,
        "",
        "- Phase 1: Foundations (blocking) — 1/1 done",
        "  - #11: done",
        "- Phase 2: Implementation (parallel) — 0/2 done",
        "  - #12: #50 open: waiting for the agent to fix the failing checks",
        "  - #13: not dispatched",
      ].join("\n"),
    );
  });

  it("says when a dispatched child has no pull request yet", () => {
    expect(renderEpicStatus(status(snapshot({ children: [child(11)] })))).toContain("  - #11: dispatched, no pull request yet\n");
  });
});
