import { describe, expect, it } from "vitest";
import { enqueueRepoJob, type RepoJob } from "../../src/stages/enqueue-repo-job.js";
import type { Job, JobQueue } from "../../src/queue/job-queue.js";
import { testOctokit } from "../config/test-octokit.js";

/** A queue that keeps its jobs until the test runs them. */
function heldQueue(): JobQueue & { jobs: Job[] } {
  const jobs: Job[] = [];
  return { jobs, enqueue: (job) => void jobs.push(job), onIdle: async () => undefined, size: 0 };
}

function setUp(files: Record<string, string>, statuses?: Record<string, number>) {
  const queue = heldQueue();
  const events: string[] = [];
  const errors: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const { octokit } = testOctokit({ files, ...(statuses ? { statuses } : {}) });
  const job = (overrides: Partial<RepoJob> = {}): RepoJob => ({
    queue,
    key: "acme/api",
    name: "test",
    deliveryId: "d-1",
    octokit,
    repo: { owner: "acme", repo: "api" },
    log: { error: (fields: Record<string, unknown>, message: string) => void errors.push({ fields, message }) } as RepoJob["log"],
    failed: "Test job failed",
    work: async (config) => void events.push(`work ${config.monitor.nudgeAttempts}`),
    ...overrides,
  });
  return { queue, events, errors, job };
}

describe("enqueueRepoJob", () => {
  it("queues one job on the repository's lane, which runs the work with the loaded config", async () => {
    const { queue, events, errors, job } = setUp({ "acme/api/.github/factory.yml": "monitor:\n  nudgeAttempts: 4\n" });
    enqueueRepoJob(job({ started: () => void events.push("started") }));
    expect(queue.jobs.map(({ key, name, deliveryId }) => ({ key, name, deliveryId }))).toEqual([{ key: "acme/api", name: "test", deliveryId: "d-1" }]);
    expect(events).toEqual([]);
    await queue.jobs[0]!.run();
    expect(events).toEqual(["started", "work 4"]);
    expect(errors).toEqual([]);
  });

  it("hands a broken config to `broken` and does not run the work", async () => {
    const { queue, events, errors, job } = setUp({ "acme/api/.github/factory.yml": "monitor:\n  nudgeAttempts: many\n" });
    enqueueRepoJob(job({ broken: (error) => void events.push(`broken ${error.message.length > 0}`) }));
    await queue.jobs[0]!.run();
    expect(events).toEqual(["broken true"]);
    expect(errors).toEqual([]);
  });

  it("without `broken`, skips a broken config silently", async () => {
    const { queue, events, errors, job } = setUp({ "acme/api/.github/factory.yml": "monitor:\n  nudgeAttempts: many\n" });
    enqueueRepoJob(job());
    await expect(queue.jobs[0]!.run()).resolves.toBeUndefined();
    expect(events).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("logs a failure with the repository, then reports it", async () => {
    const { queue, events, errors, job } = setUp({}, { "acme/api/.github/factory.yml": 500 });
    const reported: unknown[] = [];
    enqueueRepoJob(job({ report: async (error) => void reported.push(error) }));
    await queue.jobs[0]!.run();
    expect(events).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ fields: { repo: "acme/api" }, message: "Test job failed" });
    expect(reported).toEqual([errors[0]!.fields.err]);
  });

  it("catches a failing work and a failing report: the report's failure is only logged", async () => {
    const { queue, errors, job } = setUp({});
    enqueueRepoJob(job({ work: async () => Promise.reject(new Error("boom")), report: async () => Promise.reject(new Error("no comment")) }));
    await expect(queue.jobs[0]!.run()).resolves.toBeUndefined();
    expect(errors.map((e) => [e.message, (e.fields.err as Error).message])).toEqual([
      ["Test job failed", "boom"],
      ["Could not report the failure on the issue", "no comment"],
    ]);
  });

  it("reads the client when the job starts, not when it is queued", async () => {
    const { queue, events, job } = setUp({});
    const early = job();
    const late = testOctokit({ files: { "acme/api/.github/factory.yml": "monitor:\n  nudgeAttempts: 5\n" } }).octokit;
    let octokit = early.octokit;
    enqueueRepoJob({
      ...early,
      get octokit() {
        return octokit;
      },
    });
    octokit = late;
    await queue.jobs[0]!.run();
    expect(events).toEqual(["work 5"]);
  });
});
