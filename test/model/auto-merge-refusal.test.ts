import { describe, expect, it } from "vitest";
import { autoMergeRefusal } from "../../src/model/auto-merge-refusal.js";

describe("autoMergeRefusal", () => {
  it.each<[string, ReturnType<typeof autoMergeRefusal>]>([
    ["Pull request Pull request is in clean status", "merge"],
    ["Protected branch rules not configured for this branch", "merge"],
    ["Auto merge is not allowed for this repository", "merge"],
    ["Pull request Pull request is in unstable status", "wait"],
    ["Viewer is not authorized to enable auto-merge on this pull request", "wait"],
    ["Resource not accessible by integration", "wait"],
    ["Pull request User is not allowed to push to this repository", "wait"],
    ["factory[bot] does not have the correct permissions to execute `EnablePullRequestAutoMerge`", "wait"],
    ["Something went wrong while executing your query", "unknown"],
    ["", "unknown"],
  ])("%s → %s", (message, expected) => {
    expect(autoMergeRefusal(message)).toBe(expected);
  });
});
