import { describe, expect, it } from "vitest";
import { describeError } from "../../src/cli/describe-error.js";
import { Progress } from "../../src/cli/progress.js";

function terminal(columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { write: (t: string) => writes.push(t), ...(columns ? { columns } : {}) } };
}

describe("Progress", () => {
  it("redraws one line with \\r: a bar when the steps are known, and the request count", () => {
    let now = 0;
    const { writes, stream } = terminal();
    const progress = new Progress({ stream, enabled: true, clock: () => now });
    progress.start("epics", 4);
    expect(writes.at(-1)).toBe("\repics · [░░░░░░░░░░░░░░░░░░░░] 0/4 · 0 requests\x1b[K");
    progress.request();
    progress.request();
    expect(writes).toHaveLength(1); // requests alone redraw at most every 80 ms
    now = 100;
    progress.request();
    expect(writes.at(-1)).toBe("\repics · [░░░░░░░░░░░░░░░░░░░░] 0/4 · 3 requests\x1b[K");
    progress.tick("#12");
    expect(writes.at(-1)).toBe("\r#12 · [█████░░░░░░░░░░░░░░░] 1/4 · 3 requests\x1b[K");
    progress.stop();
    expect(writes.at(-1)).toBe("\r\x1b[K");
  });

  it("counts requests alone when the number of steps is unknown, and fits the terminal", () => {
    const { writes, stream } = terminal(12);
    const progress = new Progress({ stream, enabled: true, clock: () => 0 });
    progress.start("syncing acme/api");
    expect(progress.render()).toBe("syncing acme/api · 0 requests");
    expect(writes.at(-1)).toBe("\rsyncing acm\x1b[K");
  });

  it("writes nothing when disabled", () => {
    const { writes, stream } = terminal();
    const progress = new Progress({ stream, enabled: false });
    progress.start("x", 2);
    progress.request();
    progress.tick();
    progress.stop();
    expect(writes).toEqual([]);
  });
});

describe("describeError", () => {
  it("folds an error and its causes onto one line", () => {
    const github = Object.assign(new Error("Request failed due to following response errors:\n - Could not resolve to an Issue"), { status: 200 });
    const error = new Error("Could not comment (reply:1)", { cause: github });
    expect(describeError(error)).toBe("Could not comment (reply:1): Request failed due to following response errors: - Could not resolve to an Issue");
    expect(describeError("plain")).toBe("plain");
  });
});
