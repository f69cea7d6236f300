import { Sandbox } from "@factory/sandbox";
import { startFactory, type FactoryHarness } from "./factory-harness.js";
import { VirtualClock } from "./virtual-clock.js";

/**
 * Factory on github.com's rules with one clock for GitHub and Factory, so a
 * story can let hours pass: mona (who pays, with her token in `MONA_TOKEN`)
 * and rita, who can write and approves.
 */
export async function storyOnClock(params: { repoConfig: string; orgConfig: string; env?: NodeJS.ProcessEnv }): Promise<{ h: FactoryHarness; clock: VirtualClock; env: NodeJS.ProcessEnv }> {
  const clock = new VirtualClock();
  const env = params.env ?? {};
  const sandbox = new Sandbox({ now: clock.now, profile: "production", mergeabilityDelayMs: 0 });
  const h = await startFactory({ sandbox, clock, repoConfig: params.repoConfig, orgConfig: params.orgConfig, env });
  env.MONA_TOKEN = h.sandbox.createUserToken("mona");
  h.sandbox.createUser("rita");
  h.sandbox.addCollaborator({ owner: "acme", repo: "api", login: "rita", permission: "write" });
  return { h, clock, env };
}

/** mona asks for an epic on issue 1, then `/factory dispatch next` on it; returns the epic's number. */
export async function epicDispatched(h: FactoryHarness): Promise<number> {
  h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
  await h.settle();
  const epic = h.sandbox.issues("acme", "api").find((issue) => (issue.body ?? "").includes("factory:epic "))?.number as number;
  h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: epic, body: "/factory dispatch next" });
  await h.settle();
  return epic;
}
