import { describe, expect, it } from "vitest";
import { withRepoConfig, type RepoWork } from "../../src/stages/with-repo-config.js";
import { testOctokit } from "../config/test-octokit.js";

function setUp(files: Record<string, string>, statuses?: Record<string, number>) {
  const events: string[] = [];
  const errors: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const warnings: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const { octokit } = testOctokit({ files, ...(statuses ? { statuses } : {}) });
  const job = (overrides: Partial<RepoWork> = {}): RepoWork => ({
    octokit,
    repo: { owner: "acme", repo: "api" },
    attempt: { number: 1, last: true },
    log: {
      error: (fields: Record<string, unknown>, message: string) => void errors.push({ fields, message }),
      warn: (fields: Record<string, unknown>, message: string) => void warnings.push({ fields, message }),
    } as RepoWork["log"],
    failed: "Test job failed",
    work: async (config) => void events.push(`work ${config.monitor.nudgeAttempts}`),
    ...overrides,
  });
  return { events, errors, warnings, job };
}

describe("withRepoConfig", () => {
  it("runs the work with the loaded config", async () => {
    const { events, errors, job } = setUp({ "acme/api/.github/factory.yml": "monitor:\n  nudgeAttempts: 4\n" });
    await withRepoConfig(job());
    expect(events).toEqual(["work 4"]);
    expect(errors).toEqual([]);
  });

  it("hands a broken config to `broken` and does not run the work", async () => {
    const { events, errors, job } = setUp({ "acme/api/.github/factory.yml": "monitor:\n  nudgeAttempts: many\n" });
    await withRepoConfig(job({ broken: (error) => void events.push(`broken ${error.message.length > 0}`) }));
    expect(events).toEqual(["broken true"]);
    expect(errors).toEqual([]);
  });

  it("without `broken`, skips a broken config silently", async () => {
    const { events, errors, job } = setUp({ "acme/api/.github/factory.yml": "monitor:\n  nudgeAttempts: many\n" });
    await expect(withRepoConfig(job())).resolves.toBeUndefined();
    expect(events).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("on the last attempt, logs a failure with the repository, reports it and rethrows it for the queue to keep", async () => {
    const { events, errors, job } = setUp({}, { "acme/api/.github/factory.yml": 500 });
    const reported: unknown[] = [];
    const failing = withRepoConfig(job({ report: async (error) => void reported.push(error) }));
    await expect(failing).rejects.toThrow();
    expect(events).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ fields: { repo: "acme/api" }, message: "Test job failed" });
    expect(reported).toEqual([errors[0]!.fields.err]);
  });

  it("with attempts left, only warns and rethrows: nobody is told of a failure a retry may mend", async () => {
    const { errors, warnings, job } = setUp({});
    const reported: unknown[] = [];
    await expect(withRepoConfig(job({ attempt: { number: 1, last: false }, work: async () => Promise.reject(new Error("flaky")), report: async (e) => void reported.push(e) }))).rejects.toThrow("flaky");
    expect(reported).toEqual([]);
    expect(errors).toEqual([]);
    expect(warnings).toMatchObject([{ fields: { repo: "acme/api", attempt: 1 }, message: "Test job failed; it is tried again" }]);
  });

  it("logs a failing report and still rethrows the work's failure", async () => {
    const { errors, job } = setUp({});
    await expect(withRepoConfig(job({ work: async () => Promise.reject(new Error("boom")), report: async () => Promise.reject(new Error("no comment")) }))).rejects.toThrow("boom");
    expect(errors.map((e) => [e.message, (e.fields.err as Error).message])).toEqual([
      ["Test job failed", "boom"],
      ["Could not report the failure on the issue", "no comment"],
    ]);
  });
});
