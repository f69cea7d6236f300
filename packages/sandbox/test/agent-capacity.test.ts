import { beforeEach, describe, expect, it } from "vitest";
import { seedWorld } from "./sandbox-fixture.js";
import type { Sandbox } from "../src/sandbox.js";

/**
 * An agent with `concurrency` turns down a trigger over its limit with a
 * comment on the issue, as Jules answers a label over its plan's
 * concurrent-task limit (https://jules.google/docs/usage-limits/).
 */
const at = { owner: "acme", repo: "api" } as const;

describe("agent concurrency", () => {
  let sandbox: Sandbox;
  beforeEach(() => {
    sandbox = seedWorld().sandbox;
  });

  const newIssue = (title: string): number => {
    const issue = sandbox.as("mona").createIssue({ ...at, title }).number;
    sandbox.as("factory[bot]").comment({ ...at, issue, body: "Target branch: `main`" });
    return issue;
  };
  const label = (issue: number): void => void sandbox.as("mona").addLabels({ ...at, issue, labels: ["jules"] });

  it("refuses a third task at concurrency 2 with a comment, and takes it again once a task is finished", async () => {
    const jules = sandbox.addAgent({ preset: "jules", concurrency: 2 });
    const [a, b, c] = [newIssue("first"), newIssue("second"), newIssue("third")] as [number, number, number];
    for (const issue of [a, b, c]) label(issue);

    const report = await jules.work();

    expect(report.opened.map((t) => t.issue)).toEqual([a, b]);
    expect(jules.tasks.map((t) => [t.issue, t.state])).toEqual([
      [a, "open"],
      [b, "open"],
    ]);
    expect(jules.activeTasks).toBe(2);
    expect(jules.ignored).toEqual([{ repo: "acme/api", issue: c, sender: "mona", senderType: "User", via: "label", reason: "at-capacity" }]);
    const said = sandbox.comments("acme", "api", c).filter((comment) => comment.user.login === "google-labs-jules[bot]");
    expect(said.map((comment) => comment.body)).toEqual([expect.stringContaining("at its limit of 2 tasks at once and did not start this one")]);
    // Nothing else: no 👀 on the refused issue.
    expect(sandbox.reactions("acme", "api", { issue: c })).toEqual([]);
    expect(sandbox.reactions("acme", "api", { issue: a }).map((r) => r.content)).toEqual(["eyes"]);

    // Still full: labelling again is refused again.
    sandbox.as("mona").removeLabel({ ...at, issue: c, label: "jules" });
    label(c);
    expect(jules.ignored.map((i) => i.reason)).toEqual(["at-capacity", "at-capacity"]);

    // One PR merged frees a slot: the next label is taken normally.
    sandbox.as("mona").mergePullRequest({ ...at, pull: jules.tasks[0]?.pull as number });
    expect(jules.tasks[0]?.state).toBe("merged");
    sandbox.as("mona").removeLabel({ ...at, issue: c, label: "jules" });
    label(c);
    const again = await jules.work();

    expect(again.opened.map((t) => t.issue)).toEqual([c]);
    expect(jules.ignored).toHaveLength(2);
    expect(sandbox.violations).toEqual([]);
  });

  it("counts failed and cancelled tasks as finished", async () => {
    const jules = sandbox.addAgent({ preset: "jules", concurrency: 1 });
    const [a, b] = [newIssue("first"), newIssue("second")] as [number, number];
    label(a);
    jules.failNext();
    await jules.work();
    expect(jules.tasks[0]?.state).toBe("failed");

    label(b);
    expect(jules.tasks.map((t) => [t.issue, t.state])).toEqual([
      [a, "failed"],
      [b, "pending"],
    ]);
    expect(jules.ignored).toEqual([]);
  });

  it("is unlimited by default and refuses a concurrency it cannot use", () => {
    expect(sandbox.addAgent("jules").settings.concurrency).toBeNull();
    expect(() => sandbox.addAgent({ preset: "copilot", concurrency: 0 })).toThrow(/concurrency/);
    expect(() => sandbox.addAgent({ preset: "codex", concurrency: 1.5 })).toThrow(/concurrency/);
  });
});
