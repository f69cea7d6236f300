import { Sandbox } from "@factory/sandbox";
import { runDemoStory } from "./run-demo-story.js";
import { seedDemo } from "./seed-demo.js";
import { startAppProcess } from "./start-app-process.js";
import { summariseState } from "./summarise-state.js";
import { Timeline } from "./timeline.js";

/** How much faster than GitHub asks the demo paces Factory's writes: its sandbox is local, the story the same. */
const PACING_SCALE = 0.2;
import { waitFor } from "./wait-for.js";

/**
 * Runs the demo: the sandbox on loopback, the real app process against it,
 * the story, then the timeline (or, with `json`, the final state) — and
 * returns the exit code.
 */
export async function runDemo(options: { json: boolean }): Promise<number> {
  const out = options.json ? process.stderr : process.stdout;
  // github.com's merge rules (no review decision without a rule, auto-merge off by default, …); mergeability is
  // computed at once, as the demo runs on real time.
  const sandbox = new Sandbox({ profile: "production", mergeabilityDelayMs: 0 });
  const world = seedDemo(sandbox);
  // As most repositories that take agents' pull requests are set: GitHub deletes a pull request's branch once it is merged.
  sandbox.setMergeSettings({ owner: world.org, repo: world.repo, deleteBranchOnMerge: true });
  // Jules, simulated: it watches the `jules` label (ignoring labels a bot adds) and opens a pull request on the target branch.
  const jules = sandbox.addAgent({ preset: "jules", mode: "auto" });
  const { url } = await sandbox.listen();
  const app = await startAppProcess({
    appId: world.app.id,
    privateKey: world.app.privateKey,
    webhookSecret: world.app.webhookSecret,
    githubUrl: url,
    logLevel: "warn",
    // The organisation config names JULES_TOKEN as the token Jules is triggered with: mona's, so Jules does not ignore it.
    // GitHub's pacing of writes (a second apart, three for comments and issues), played five times faster on the
    // demo's own clock: the sandbox is local, and the story is the same. Against github.com it is never scaled.
    env: { JULES_TOKEN: sandbox.createUserToken(world.maintainer), FACTORY_DASHBOARD_DELAY_MS: "1000", FACTORY_PACING_SCALE: String(PACING_SCALE) },
  });
  sandbox.webhooks.toUrl(app.webhookUrl, world.app.webhookSecret);
  const timeline = new Timeline();
  try {
    out.write(`Sandbox GitHub on ${url}; Factory (probot run) receiving webhooks on ${app.webhookUrl}\n`);
    out.write(`Writes are paced as GitHub asks, on a clock ${1 / PACING_SCALE}× faster than the wall's (FACTORY_PACING_SCALE=${PACING_SCALE}, the demo's only).\n\n`);
    await runDemoStory({ sandbox, world, timeline });
    jules.stop();
    await sandbox.webhooks.flush();
    const state = summariseState(sandbox);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
    } else {
      out.write(`${timeline.render()}\n\n`);
      const findDashboard = () =>
        (sandbox.issues(world.org, world.repo) as Array<{ body: string | null }>).find((i) => (i.body ?? "").includes("<!-- factory:dashboard -->"));
      // Dashboard edits are gathered for a moment; wait for the one that shows the finished epic.
      await waitFor("the dashboard to show the finished epic", () => findDashboard()?.body?.includes("No open epic."), 30_000).catch(() => undefined);
      const dashboard = findDashboard();
      if (dashboard) out.write(`The repository's dashboard issue now reads:\n\n${dashboard.body}\n\n`);
      const rest = Object.values(state.requests.rest).reduce((a, b) => a + b, 0);
      const graphql = Object.values(state.requests.graphql).reduce((a, b) => a + b, 0);
      const operations = Object.keys(state.requests.graphql).length;
      out.write(`GitHub requests made: ${rest} REST, ${graphql} GraphQL (${operations} different queries and mutations)\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`${timeline.render()}\n\nApp output:\n${app.output.join("\n")}\n`);
    throw error;
  } finally {
    await app.stop();
    await sandbox.close();
  }
}
