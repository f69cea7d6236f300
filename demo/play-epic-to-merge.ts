import type { Sandbox } from "@factory/sandbox";
import type { DemoWorld } from "./seed-demo.js";
import type { Timeline } from "./timeline.js";

/** Longest the demo waits for the epic to close. */
const DEADLINE_MS = 10 * 60_000;

/**
 * The rest of the demo story: CI passes on every pull request into the epic
 * branch, the maintainer approves it, and Factory does the rest — auto-merge,
 * close and tick the child, dispatch the next phase to the (simulated) agent,
 * open the epic's own pull request, merge it and close the epic. The story
 * records each step as it sees it happen.
 */
export async function playEpicToMerge(params: { sandbox: Sandbox; world: DemoWorld; timeline: Timeline; epic: number }): Promise<void> {
  const { sandbox, world, timeline, epic } = params;
  const seen = new Set<string>();
  const once = (key: string, who: string, what: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    timeline.add(who, what);
  };
  // Children dispatched by the maintainer's command were reported already.
  for (const issue of sandbox.snapshot().issues) if (issue.parent === epic && (issue.labels.includes("jules") || issue.labels.includes("factory:dispatched"))) seen.add(`dispatched:${issue.number}`);
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const snapshot = sandbox.snapshot();
    const issues = snapshot.issues.filter((i) => i.repo === `${world.org}/${world.repo}`);
    // A hand-over is told before the pull request it causes, even when both are seen in one look.
    // Jules's label is the hand-over itself; `factory:dispatched` lands after it, sometimes after Jules has answered.
    const dispatched = issues.filter((i) => i.parent === epic && (i.labels.includes("jules") || i.labels.includes("factory:dispatched"))).map((i) => i.number);
    for (const number of dispatched) once(`dispatched:${number}`, "factory", `dispatched #${number} to jules (the next phase, automatically)`);
    const branches = new Set(sandbox.branches(world.org, world.repo).map((branch) => branch.name));
    for (const pull of snapshot.pulls.filter((p) => p.repo === `${world.org}/${world.repo}` && (p.base.startsWith("epic/") || p.head.startsWith("epic/")))) {
      const issue = issues.find((i) => i.number === pull.number);
      if (pull.merged) {
        once(`merged:${pull.number}`, "factory", `merged #${pull.number} (${pull.head} → ${pull.base})${branches.has(pull.head) ? "" : `; GitHub deleted ${pull.head}`}`);
        continue;
      }
      if (issue?.state !== "open") continue;
      once(`opened:${pull.number}`, pull.head.startsWith("epic/") ? "factory" : "jules", `opened pull request #${pull.number} from ${pull.head} into ${pull.base}`);
      if (!seen.has(`ci:${pull.headSha}`)) {
        seen.add(`ci:${pull.headSha}`);
        sandbox.ci.complete({ owner: world.org, repo: world.repo, sha: pull.headSha, name: "test", conclusion: "success" });
        timeline.add("ci", `test passed on #${pull.number}`);
      }
      if (!pull.reviews.includes(`${world.maintainer}:APPROVED`)) {
        sandbox.as(world.maintainer).review({ owner: world.org, repo: world.repo, pull: pull.number, event: "APPROVE" });
        timeline.add(world.maintainer, `approved #${pull.number}`);
      }
    }
    for (const issue of issues) {
      if (issue.kind === "issue" && issue.parent === epic && issue.state === "closed") once(`closed:${issue.number}`, "factory", `closed #${issue.number} and ticked it in epic #${epic}`);
    }
    const epicIssue = issues.find((i) => i.number === epic);
    if (epicIssue?.state === "closed") {
      once(`epic:${epic}`, "factory", `closed epic #${epic} as ${epicIssue.stateReason ?? "completed"}`);
      if (!sandbox.branches(world.org, world.repo).some((b) => b.name.startsWith(`epic/${epic}-`))) {
        const left = sandbox.branches(world.org, world.repo).map((branch) => branch.name);
        timeline.add("factory", `the epic branch is gone; the work is on ${left.includes("main") ? "main" : "the default branch"}, and the branches left are: ${left.join(", ")}`);
        return;
      }
    }
    if (Date.now() > deadline) throw new Error(`epic #${epic} did not close within ${DEADLINE_MS / 60_000} minutes`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
