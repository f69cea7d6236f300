import { describe, expect, it } from "vitest";
import { startFactory } from "../helpers/factory-harness.js";
import { readyIssue } from "../helpers/ready-issue.js";
import { parsePrometheusText, sampleValue } from "../metrics/parse-prometheus-text.js";

/*
 * A background job that fails for good is not only a log line: the
 * repository's dashboard lists it with its delivery, and `/metrics` counts it.
 */
describe("a job that failed its last attempt", () => {
  it("is listed on the repository's dashboard and counted in factory_jobs_failed", async () => {
    const h = await startFactory({ dashboards: true });
    const child = readyIssue(h, "login has no rate limit");
    await h.settle();
    // GitHub cannot say whose sub-issue the closed child is: the monitor job for the close fails, retries included.
    h.sandbox.faults.add({ route: "/repos/{owner}/{repo}/issues/{issue_number}/parent", status: 502 });
    h.sandbox.as("mona").closeIssue({ owner: "acme", repo: "api", issue: child });
    await h.settle();
    h.sandbox.faults.clear();
    const delivery = h.sandbox.webhooks.log.find((d) => d.name === "issues" && d.action === "closed")?.id as string;
    expect(h.logs.some((line) => line.msg === "Monitor job failed" && line.deliveryId === delivery)).toBe(true);
    // The next event's dashboard update shows it.
    h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: child, body: "/factory help" });
    await h.settle();
    const dashboard = h.sandbox.issues("acme", "api").find((issue) => (issue.body ?? "").includes("<!-- factory:dashboard -->"));
    expect(dashboard?.body).toContain("## ⚠️ Jobs that failed");
    expect(dashboard?.body).toContain(`\`monitor\` after 1 attempt (delivery \`${delivery}\`)`);
    const families = parsePrometheusText(await h.metrics.registry.metrics());
    expect(sampleValue(families, "factory_jobs_failed")).toBe(1);
    expect(sampleValue(families, "factory_jobs_total", { name: "monitor", outcome: "failed" })).toBe(1);
  });
});
