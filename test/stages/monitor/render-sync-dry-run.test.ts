import { describe, expect, it } from "vitest";
import type { MonitorPreview } from "../../../src/stages/monitor/describe-monitor-plan.js";
import { renderSyncDryRun } from "../../../src/stages/monitor/render-sync-dry-run.js";

const idle = (epic: number): MonitorPreview => ({ epic, actions: [], reports: [], releases: 0, journal: 0, dispatchNext: false, waiting: [] });

describe("renderSyncDryRun", () => {
  it("says there is nothing to reconcile without an open epic", () => {
    expect(renderSyncDryRun([])).toBe("**Dry run:** nothing was changed.\n\nNo open epic in this repository: nothing to reconcile.");
  });

  it("lists each epic's steps, the ledger and journal lines, the dispatch, then what waits", () => {
    const busy: MonitorPreview = {
      epic: 7,
      actions: ["close #12 (its pull request #50 merged)", "tick #12 in the epic"],
      reports: ['update the "Factory" check run on #51'],
      releases: 1,
      journal: 2,
      dispatchNext: true,
      waiting: [{ pull: 51, child: 13, reason: "waiting for an approving review" }],
    };
    expect(renderSyncDryRun([busy, idle(9)]).split("\n")).toEqual([
      "**Dry run:** nothing was changed.",
      "",
      "Sync would reconcile 2 epics:",
      "- #7:",
      "  - close #12 (its pull request #50 merged)",
      "  - tick #12 in the epic",
      '  - update the "Factory" check run on #51',
      "  - release 1 dispatch attempt in the ledger, so a retry may go to another agent",
      "  - write 2 records of finished children to the journal",
      "  - dispatch the next phase as `/factory dispatch next` would (`dispatch.auto` is on), within the budget",
      "- #9: nothing is missing",
      "",
      "Waiting:",
      "- #51 (for #13): waiting for an approving review",
      "",
      "This is one pass over each epic, planned from GitHub as it is now. A sync reads the epic again after applying a pass, " +
        "so what these steps lead to (such as auto-merge on a pull request it opens) comes after them.",
    ]);
  });

  it("says an epic with nothing to do is up to date, without the note about later passes", () => {
    expect(renderSyncDryRun([idle(7)])).toBe("**Dry run:** nothing was changed.\n\nSync would reconcile 1 epic:\n- #7: nothing is missing");
  });
});
