import { afterEach, describe, expect, it } from "vitest";
import type { FactoryHarness } from "../helpers/factory-harness.js";
import { epicWithOpenPulls } from "../helpers/epic-with-open-pulls.js";

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

/** Reads of a `factory.yml` (the repository's, and the organisation's it extends) since the last reset. */
const configReads = () => h.sandbox.requests.entries.filter((entry) => entry.method === "GET" && /factory\.yml$/.test(decodeURIComponent(entry.path ?? ""))).length;

describe("configs across a burst of jobs", () => {
  it("are read once, and again as soon as a push changes one", async () => {
    const made = await epicWithOpenPulls(3);
    h = made.h;
    const ci = (pull: number, conclusion: "success" | "failure") => {
      const sha = h.sandbox.snapshot().pulls.find((p) => p.number === pull)?.headSha as string;
      h.sandbox.ci.complete({ owner: "acme", repo: "api", sha, name: "test", conclusion });
    };
    h.sandbox.requests.reset();
    ci(made.pulls[0] as number, "failure");
    await h.settle();
    ci(made.pulls[1] as number, "failure");
    await h.settle();
    // Both monitor jobs acted (each asked its agent for a fix) on the config read before them.
    for (const pull of made.pulls.slice(0, 2)) expect(h.sandbox.comments("acme", "api", pull).map((c) => c.body.split("\n")[0])).toContain("Can you fix the failing checks: `test`?");
    expect(configReads()).toBe(0);

    // A maintainer breaks the config on the default branch: the next job reads it, and stops there.
    h.sandbox.as("mona").pushCommit({ owner: "acme", repo: "api", branch: "main", message: "tune", files: { ".github/factory.yml": "monitor:\n  nudgeAttempts: many\n" } });
    await h.settle();
    ci(made.pulls[2] as number, "failure");
    await h.settle();
    expect(configReads()).toBeGreaterThan(0);
    expect(h.logs.some((line) => line.msg === "Monitor skipped: the config is broken")).toBe(true);
    expect(h.sandbox.comments("acme", "api", made.pulls[2] as number)).toEqual([]);
  });
});
