import type { Job } from "../../src/queue/job.js";

/** A job as data for queue tests: a dashboard job on `owner/name` (its lane), caused by `deliveryId`. */
export function testJob(lane: string, deliveryId = `d-${lane}`, kind: "dashboard" | "command" = "dashboard"): Job {
  const [owner = "acme", repo = "api"] = lane.split("/");
  if (kind === "command") {
    return { kind, installationId: 1, repo: { owner, repo }, refs: { issue: 1, comment: { id: 1, createdAt: "", author: "mona" }, commands: [], language: null, defaultBranch: "main" }, deliveryId, attempt: 1 };
  }
  return { kind, installationId: 1, repo: { owner, repo }, refs: {}, deliveryId, attempt: 1 };
}
