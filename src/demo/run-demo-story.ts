import type { Sandbox } from "../sandbox/sandbox.js";
import type { DemoWorld } from "./seed-demo.js";
import type { Timeline } from "./timeline.js";
import { waitFor } from "./wait-for.js";

const BOT = "factory[bot]";
const EMOJI: Record<string, string> = { eyes: "👀", rocket: "🚀", confused: "😕" };

/**
 * The demo story, played against a running app: a maintainer asks for help,
 * then a user without write permission tries a state-changing command and is
 * refused. Each step waits for Factory's answer (the 🚀 or 😕 reaction it
 * adds last) and records what Factory did.
 */
export async function runDemoStory(params: { sandbox: Sandbox; world: DemoWorld; timeline: Timeline }): Promise<void> {
  const { world } = params;
  const audit = world.audits[0] as number;
  params.timeline.add("sandbox", `seeded ${world.org}/${world.repo}: audits #${world.audits.join(", #")}, Factory installed`);
  await step({ ...params, login: world.maintainer, issue: audit, body: "/factory help" });
  await step({ ...params, login: world.visitor, issue: audit, body: "/factory audit" });
}

async function step(params: {
  sandbox: Sandbox;
  world: DemoWorld;
  timeline: Timeline;
  login: string;
  issue: number;
  body: string;
}): Promise<void> {
  const { sandbox, world, timeline } = params;
  const comment = sandbox.as(params.login).comment({ owner: world.org, repo: world.repo, issue: params.issue, body: params.body });
  timeline.add(params.login, `commented \`${params.body}\` on ${world.org}/${world.repo}#${params.issue}`);
  const final = await waitFor(`Factory's answer to "${params.body}"`, () =>
    sandbox
      .reactions(world.org, world.repo, { commentId: comment.id })
      .find((r) => r.user.login === BOT && (r.content === "rocket" || r.content === "confused")),
  );
  const reactions = sandbox
    .reactions(world.org, world.repo, { commentId: comment.id })
    .filter((r) => r.user.login === BOT)
    .map((r) => EMOJI[r.content] ?? r.content);
  const reply = sandbox
    .comments(world.org, world.repo, params.issue)
    .find((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${comment.id} `));
  const firstLine = (reply?.body ?? "").split("\n").find((line) => line.trim() && !line.startsWith("🚀") && !line.startsWith("😕"));
  timeline.add("factory", `reacted ${reactions.join(" ")}; replied: ${summarise(firstLine ?? "(no reply)")}`);
  timeline.add("factory", final.content === "rocket" ? "done" : "refused");
}

function summarise(line: string): string {
  const clean = line.replace(/\*\*/g, "").trim();
  return clean.length > 110 ? `${clean.slice(0, 109)}…` : clean;
}
