/**
 * `npm run bench`: measures Factory's flows on the in-process sandbox —
 * requests by route, the ratio to the fewest requests the work could take,
 * wall time and memory. Pacing runs on a virtual clock, so the minutes a
 * large audit spends waiting for GitHub's secondary limits cost no real time.
 */
import { readFileSync } from "node:fs";
import { Sandbox } from "../src/sandbox/sandbox.js";
import { startFactory } from "../test/helpers/factory-harness.js";
import { VirtualClock } from "../test/helpers/virtual-clock.js";

const MANUAL = "_extends: .github\n";

async function benchAudit(name: string, title: string): Promise<void> {
  const clock = new VirtualClock();
  const sandbox = new Sandbox({ now: clock.now, secondaryRateLimits: true });
  const h = await startFactory({ sandbox, clock, repoConfig: MANUAL });
  const body = readFileSync(new URL(`../fixtures/audits/${name}.md`, import.meta.url), "utf8");
  const audit = sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title, body });
  await h.settle();
  sandbox.requests.reset();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: audit.number, body: "/factory audit" });
  await h.settle();
  const ms = performance.now() - started;
  const heapAfter = process.memoryUsage().heapUsed;
  const routes = Object.fromEntries([...sandbox.requests.rest.entries()].sort((a, b) => b[1] - a[1]));
  const created = (sandbox.issues("acme", "api") as Array<{ body: string | null }>).filter((i) => /factory:(finding|framework) /.test(i.body ?? ""));
  const labels = sandbox.requests.rest.get("POST /repos/{owner}/{repo}/labels") ?? 0;
  // The fewest requests this work can take: one per write (issues, labels, the report, the reply, closing,
  // two reactions) plus one read each of the config, the author's permission, the audit, the existing issues and the labels.
  const minimum = created.length + labels + 2 + 1 + 2 + 5;
  const total = sandbox.requests.total();
  const refused = sandbox.requests.entries.filter((entry) => entry.status === 403).length;
  process.stdout.write(
    `${JSON.stringify(
      {
        bench: `audit ${name}`,
        issuesCreated: created.length,
        requests: total,
        minimumRequests: minimum,
        ratio: Number((total / minimum).toFixed(3)),
        secondaryLimit403s: refused,
        virtualMinutesPacing: Number((clock.slept / 60_000).toFixed(1)),
        wallMs: Math.round(ms),
        heapDeltaMB: Number(((heapAfter - heapBefore) / 1_048_576).toFixed(1)),
        byRoute: routes,
      },
      null,
      2,
    )}\n`,
  );
}

/** `/factory epic` over 30 implementation issues in five themes, then a rerun that should only read. */
async function benchEpics(): Promise<void> {
  const clock = new VirtualClock();
  const sandbox = new Sandbox({ now: clock.now, secondaryRateLimits: true });
  const h = await startFactory({ sandbox, clock, repoConfig: MANUAL });
  const themes: Array<[string, number]> = [["security", 12], ["quality", 7], ["performance", 4], ["testing", 5], ["docs", 2]];
  for (const [type, count] of themes) {
    for (let i = 0; i < count; i++) {
      sandbox.as("mona").createIssue({
        owner: "acme",
        repo: "api",
        title: `${type}(pkg${i}): ${type} item ${i}`,
        body: `- \`internal/pkg${i}/${type}.go:${i + 1}\``,
        labels: [`type:${type}`],
      });
    }
  }
  await h.settle();
  for (const round of ["first run", "rerun"]) {
    sandbox.requests.reset();
    const started = performance.now();
    sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
    await h.settle();
    const ms = performance.now() - started;
    const epics = (sandbox.issues("acme", "api") as Array<{ body: string | null }>).filter((i) => (i.body ?? "").includes("factory:epic ")).length;
    const writes = sandbox.requests.entries.filter((entry) => entry.method !== "GET").length;
    process.stdout.write(
      `${JSON.stringify({ bench: `epic over 30 issues (${round})`, epics, requests: sandbox.requests.total(), writes, reads: sandbox.requests.total() - writes, wallMs: Math.round(ms), byRoute: Object.fromEntries([...sandbox.requests.rest.entries()].sort((a, b) => b[1] - a[1])) }, null, 2)}\n`,
    );
  }
}

/**
 * Requests per handled event for an epic of `size` children, each with an
 * open agent pull request: a check run completing (one webhook, one pass),
 * a pull request merging (close, tick, comment, journal), and `/factory sync`.
 */
async function benchMonitor(size: number): Promise<void> {
  const clock = new VirtualClock();
  const sandbox = new Sandbox({ now: clock.now });
  const config = `_extends: .github\nepics:\n  maxChildren: 100\n  themedFrom: 1000\nmerge:\n  auto: false\n`;
  const h = await startFactory({ sandbox, clock, repoConfig: config });
  const children: number[] = [];
  for (let i = 0; i < size; i++) {
    children.push(
      sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: `quality(pkg${i}): item ${i}`, body: `- \`internal/pkg${i}/x.go:1\``, labels: ["type:quality"] }).number,
    );
  }
  await h.settle();
  sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
  await h.settle();
  const epic = (sandbox.issues("acme", "api") as Array<{ number: number; body: string | null }>).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
  const branch = sandbox.branches("acme", "api").find((b) => b.name.startsWith(`epic/${epic}-`))?.name as string;
  const pulls = children.map((child, index) =>
    sandbox.as("mona").openPullRequest({ owner: "acme", repo: "api", head: `agent/${child}-work`, base: branch, title: `work ${index}`, body: `Fixes #${child}`, files: { [`changes/${child}.md`]: "x\n" } }).number,
  );
  await h.settle();
  const measure = async (label: string, act: () => void) => {
    sandbox.requests.reset();
    const started = performance.now();
    act();
    await h.settle();
    const graphql = [...sandbox.requests.graphql.values()];
    return {
      event: label,
      rest: [...sandbox.requests.rest.values()].reduce((a, b) => a + b, 0),
      graphql: graphql.reduce((a, b) => a + b.count, 0),
      graphqlPoints: graphql.reduce((a, b) => a + b.cost, 0),
      wallMs: Math.round(performance.now() - started),
    };
  };
  const results = [
    await measure("check run completed on one PR", () => {
      const head = sandbox.snapshot().pulls.find((p) => p.number === pulls[0])?.headSha as string;
      sandbox.ci.complete({ owner: "acme", repo: "api", sha: head, name: "test", conclusion: "failure" });
    }),
    await measure("one PR merged", () => {
      sandbox.as("mona").mergePullRequest({ owner: "acme", repo: "api", pull: pulls[1] as number });
    }),
    await measure("/factory sync", () => {
      sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: epic, body: "/factory sync" });
    }),
  ];
  process.stdout.write(`${JSON.stringify({ bench: `monitor, epic of ${size} children`, results }, null, 2)}\n`);
}

await benchAudit("long-200", "[Audit] Platform-wide review");
await benchAudit("owasp-top10", "[Audit] OWASP review");
await benchEpics();
for (const size of [5, 50, 100]) await benchMonitor(size);
