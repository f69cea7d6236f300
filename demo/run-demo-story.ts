import { parseEpicBody } from "../src/model/parse-epic-body.js";
import { playEpicToMerge } from "./play-epic-to-merge.js";
import type { Sandbox } from "@factory/sandbox";
import type { DemoWorld } from "./seed-demo.js";
import type { Timeline } from "./timeline.js";
import { waitFor } from "./wait-for.js";

const BOT = "factory[bot]";
const EMOJI: Record<string, string> = { eyes: "👀", rocket: "🚀", confused: "😕" };

/**
 * The demo story, played against a running app: a maintainer asks for help;
 * a user without write permission tries a state-changing command and is
 * refused; the maintainer previews an audit with `--dry-run`, then turns
 * every open audit into issues, which the demo repository (epics.auto) groups
 * into an epic with phases and a branch; finally a new audit opened by the
 * maintainer is processed on its own (audit.auto) and its issues extend the
 * epic or are left for direct dispatch.
 * Each step waits for Factory's answer and records what Factory did.
 */
export async function runDemoStory(params: { sandbox: Sandbox; world: DemoWorld; timeline: Timeline }): Promise<void> {
  const { world } = params;
  const audit = world.audits[0] as number;
  params.timeline.add("sandbox", `seeded ${world.org}/${world.repo}: audits #${world.audits.join(", #")}, Factory installed`);
  await step({ ...params, login: world.maintainer, issue: audit, body: "/factory help" });
  await step({ ...params, login: world.visitor, issue: audit, body: "/factory audit" });
  await step({ ...params, login: world.maintainer, issue: audit, body: "/factory audit --dry-run" });
  await step({ ...params, login: world.maintainer, issue: audit, body: "/factory audit all" });
  recordIssues(params, 0);
  const before = params.sandbox.issues(world.org, world.repo).length;
  const opened = params.sandbox.as(world.maintainer).createIssue({
    owner: world.org,
    repo: world.repo,
    title: "[Audit] Dependency review",
    body: "| Sev | Finding | File |\n|---|---|---|\n| 🟠 High | Outdated JWT library with a known CVE | `go.mod` |\n| Low | README does not say how to rotate keys | `README.md` |\n",
  });
  params.timeline.add(world.maintainer, `opened audit #${opened.number} "[Audit] Dependency review" (a table of 2 findings)`);
  await waitFor(`Factory to process audit #${opened.number}`, () => params.sandbox.issue(world.org, world.repo, opened.number).state === "closed", 90_000);
  // epics.auto runs right after the audit: wait until each new issue is in an epic or left for direct dispatch.
  await waitFor(
    `Factory to group the issues of #${opened.number}`,
    () => {
      const all = params.sandbox.issues(world.org, world.repo) as unknown as Array<{ number: number; body: string | null; labels: Array<{ name: string }> }>;
      const epicBodies = all.filter((i) => (i.body ?? "").includes("factory:epic ")).map((i) => i.body ?? "").join("\n");
      return all
        .filter((i) => i.number > opened.number && (i.body ?? "").includes("factory:finding "))
        .every((i) => epicBodies.includes(`#${i.number} `) || i.labels.some((l) => l.name === "factory:direct"));
    },
    90_000,
  );
  params.timeline.add("factory", `processed #${opened.number} on its own (audit.auto is on) and closed it`);
  recordIssues(params, before);
  await dispatchStory(params);
}

/** The maintainer dispatches the epic's first phase; simulated Jules picks it up and opens a pull request. */
async function dispatchStory(params: { sandbox: Sandbox; world: DemoWorld; timeline: Timeline }): Promise<void> {
  const { sandbox, world } = params;
  const epic = (sandbox.issues(world.org, world.repo) as unknown as Array<{ number: number; body: string | null }>).find((i) =>
    (i.body ?? "").includes("factory:epic "),
  );
  if (!epic) throw new Error("the demo expected an epic by now");
  const ledger = () => sandbox.file(world.org, ".github", "factory-ledger", `factory/dispatch-${new Date().toISOString().slice(0, 7)}.jsonl`) ?? "";
  // One line per hand-over: the child, the agent, who paid, where the ledger keeps it.
  const paid = (text: string) =>
    text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { issue: number; agent: string; member: string })
      .map((entry) => `dispatched #${entry.issue} to ${entry.agent}, paid from ${entry.member}'s quota (ledger: acme/.github, branch factory-ledger)`);
  await step({ ...params, login: world.maintainer, issue: epic.number, body: "/factory dispatch next", told: () => paid(ledger()) });
  await waitFor(
    "Jules to open a pull request",
    () => {
      const found = sandbox.snapshot().pulls.filter((pull) => pull.repo === `${world.org}/${world.repo}`);
      return found.length > 0 ? found : undefined;
    },
    60_000,
  );
  await playEpicToMerge({ ...params, epic: epic.number });
}

/** Adds the implementation issues Factory created (numbers above `after`) to the timeline. */
function recordIssues(params: { sandbox: Sandbox; world: DemoWorld; timeline: Timeline }, after: number): void {
  const { sandbox, world, timeline } = params;
  const all = sandbox.issues(world.org, world.repo) as unknown as Array<{ number: number; title: string; body: string | null; labels: Array<{ name: string }> }>;
  for (const issue of all) {
    if (issue.number <= after || !/factory:(finding|framework) /.test(issue.body ?? "")) continue;
    timeline.add("factory", `created #${issue.number} ${issue.title} [${issue.labels.map((l) => l.name).join(", ")}]`);
  }
  for (const issue of all) {
    if (!(issue.body ?? "").includes("factory:epic ")) continue;
    const phases = parseEpicBody(issue.body ?? "").phases.map((p) => `${p.name}: ${p.children.map((c) => `#${c.number}`).join(" ")}`);
    const branch = sandbox.branches(world.org, world.repo).find((b) => b.name.startsWith(`epic/${issue.number}-`))?.name ?? "(no branch)";
    timeline.add("factory", `epic #${issue.number} ${issue.title} on ${branch} — ${phases.join("; ")}`);
  }
  const direct = all.filter((issue) => issue.number > after && issue.labels.some((l) => l.name === "factory:direct"));
  if (direct.length > 0) timeline.add("factory", `left ${direct.map((i) => `#${i.number}`).join(", ")} for direct dispatch (too few to group)`);
  for (const audit of sandbox.issues(world.org, world.repo) as unknown as Array<{ number: number; title: string; state: string; state_reason: string | null }>) {
    if (audit.number > after && /^\s*(\[audit\]|audit:)/i.test(audit.title) && audit.state === "closed") {
      timeline.add("factory", `closed audit #${audit.number} as ${audit.state_reason} with a comment listing its issues`);
    }
  }
}

async function step(params: {
  sandbox: Sandbox;
  world: DemoWorld;
  timeline: Timeline;
  login: string;
  issue: number;
  body: string;
  /** What the answer did, one line each, told instead of the reply's first line. */
  told?: () => string[];
}): Promise<void> {
  const { sandbox, world, timeline } = params;
  const comment = sandbox.as(params.login).comment({ owner: world.org, repo: world.repo, issue: params.issue, body: params.body });
  timeline.add(params.login, `commented \`${params.body}\` on ${world.org}/${world.repo}#${params.issue}`);
  const replyTo = () =>
    sandbox.comments(world.org, world.repo, params.issue).find((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${comment.id} `));
  // A person without the permission is answered with the reply alone (reactions are writes too); others also get 🚀 or 😕.
  const done = () =>
    sandbox.reactions(world.org, world.repo, { commentId: comment.id }).find((r) => r.user.login === BOT && (r.content === "rocket" || r.content === "confused"));
  await waitFor(`Factory's answer to "${params.body}"`, () => done() ?? (params.login === world.visitor ? replyTo() : undefined), 120_000);
  const reactions = sandbox
    .reactions(world.org, world.repo, { commentId: comment.id })
    .filter((r) => r.user.login === BOT)
    .map((r) => EMOJI[r.content] ?? r.content);
  const reply = replyTo();
  const final = { content: done()?.content ?? (reply?.body.startsWith("🚀") ? "rocket" : "confused") };
  const firstLine = (reply?.body ?? "")
    .split("\n")
    .find((line) => line.trim() && !line.startsWith("🚀") && !line.startsWith("😕") && !line.startsWith("**Dry run:**"));
  const outcome = final.content === "rocket" ? "done" : "refused";
  const told = params.told?.() ?? [];
  if (told.length > 0) {
    for (const line of told) timeline.add("factory", line);
    return;
  }
  timeline.add("factory", `${outcome} — ${reactions.length > 0 ? `reacted ${reactions.join(" ")}; ` : ""}replied: ${summarise(firstLine ?? "(no reply)")}`);
}

function summarise(line: string): string {
  const clean = line.replace(/\*\*/g, "").trim();
  return clean.length > 110 ? `${clean.slice(0, 109)}…` : clean;
}
