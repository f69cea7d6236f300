import { afterEach, describe, expect, it } from "vitest";
import type { AgentActor } from "@factory/sandbox";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { readyIssue } from "../helpers/ready-issue.js";

/*
 * Green is never inferred from absence (SPEC §1.4): a pull request merges
 * only when its current head's check runs and commit statuses have all
 * reported and passed, and its approvals are there.
 */

const CONFIG = ["_extends: .github", "agents:", "  - name: openhands", "dispatch:", "  auto: false", ""].join("\n");

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const pulls = () => h.sandbox.snapshot().pulls.filter((p) => p.repo === "acme/api");
const pullOf = (n: number) => pulls().find((p) => p.number === n);
/** Factory's requests on a pull request: OpenHands takes them from members only, so they are written as mona, who has a token. */
const requests = (n: number) => h.sandbox.comments("acme", "api", n).filter((c) => c.user.login === "mona" && c.body.includes("<!-- factory:nudge "));
/** The organisation's file: mona pays, and Factory has her token to write requests as her. */
const ORG_CONFIG = ["agents:", "  - name: jules", "budget:", "  members:", "    - login: mona", "      dailyQuota: 300", "      tokenEnv: MONA_TOKEN", "  repoShare: 1", ""].join("\n");

async function say(body: string, on: number) {
  h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
}

/** One child dispatched to an agent that opened its pull request: the pull request's number. */
async function onePullRequest(options: { answersNudges?: boolean } = {}): Promise<{ pull: number; agent: AgentActor }> {
  const env: NodeJS.ProcessEnv = {};
  h = await startFactory({ repoConfig: CONFIG, orgConfig: ORG_CONFIG, env, clock: new VirtualClock() });
  env.MONA_TOKEN = h.sandbox.createUserToken("mona");
  h.sandbox.createUser("rita");
  h.sandbox.addCollaborator({ owner: "acme", repo: "api", login: "rita", permission: "write" });
  const agent = h.sandbox.addAgent({ preset: "openhands", answersNudges: options.answersNudges ?? true });
  const made = ["alpha handler", "beta handler", "gamma handler"].map((what) => readyIssue(h, what));
  await say("/factory epic", 1);
  const epic = (h.sandbox.issues("acme", "api") as Array<{ number: number; body: string | null }>).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
  await say(`/factory dispatch #${made[0]}`, epic);
  await agent.work();
  await h.settle();
  return { pull: agent.tasks.find((t) => t.issue === made[0])?.pull as number, agent };
}

/** One pull request, its `test` check green, a `ci/jenkins` commit status in `state`, and rita's approval. */
async function approvedWithJenkins(state: "success" | "failure" | "pending", options: { answersNudges?: boolean } = {}): Promise<{ pull: number; sha: string }> {
  const { pull } = await onePullRequest(options);
  const sha = pullOf(pull)?.headSha as string;
  h.sandbox.ci.complete({ owner: "acme", repo: "api", sha, name: "test", conclusion: "success" });
  h.sandbox.ci.status({ owner: "acme", repo: "api", sha, context: "ci/jenkins", state });
  h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull, event: "APPROVE" });
  await h.settle();
  return { pull, sha };
}

describe("merge readiness", () => {
  it("does not merge a head no CI has reported on: approved while red, a fix pushed, merged only once CI passes on the new head", async () => {
    const { pull, agent } = await onePullRequest();
    h.sandbox.ci.complete({ owner: "acme", repo: "api", sha: pullOf(pull)?.headSha as string, name: "test", conclusion: "failure" });
    await h.settle();
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull, event: "APPROVE" });
    await h.settle();
    expect(pullOf(pull)?.merged).toBe(false);
    // The agent answers the nudge with a new commit; the synchronize webhook arrives before CI has looked at it.
    const before = pullOf(pull)?.headSha;
    await agent.work();
    await h.settle();
    expect(pullOf(pull)?.headSha).not.toBe(before);
    // An approval on the new head, and still no CI there: not merged.
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull, event: "APPROVE" });
    await h.settle();
    expect(pullOf(pull)?.merged).toBe(false);
    h.sandbox.ci.complete({ owner: "acme", repo: "api", sha: pullOf(pull)?.headSha as string, name: "test", conclusion: "success" });
    await h.settle();
    expect(pullOf(pull)?.merged).toBe(true);
  });

  it("does not merge an approved pull request whose commit status fails, and asks the agent to fix that context by name", async () => {
    const { pull } = await approvedWithJenkins("failure", { answersNudges: false });
    expect(pullOf(pull)?.merged).toBe(false);
    expect(requests(pull).map((c) => c.body.split("\n")[0])).toEqual(["@openhands-agent Can you fix the failing checks: `ci/jenkins`?"]);
  });

  it("control: a green status and a green check on an approved head merge", async () => {
    const { pull } = await approvedWithJenkins("success");
    expect(pullOf(pull)?.merged).toBe(true);
  });

  it("waits while a commit status is pending", async () => {
    const { pull, sha } = await approvedWithJenkins("pending");
    expect(pullOf(pull)?.merged).toBe(false);
    h.sandbox.ci.status({ owner: "acme", repo: "api", sha, context: "ci/jenkins", state: "success" });
    await h.settle();
    expect(pullOf(pull)?.merged).toBe(true);
  });

  it("reads every check of a head with more than a page of them: a failing 60th check stops the merge and is named to the agent", async () => {
    const { pull } = await onePullRequest({ answersNudges: false });
    const sha = pullOf(pull)?.headSha as string;
    // Fifty-nine green jobs fill the first page Factory reads; the sixtieth, on the next page, fails.
    for (let i = 1; i < 60; i++) h.sandbox.ci.complete({ owner: "acme", repo: "api", sha, name: `job-${String(i).padStart(2, "0")}`, conclusion: "success" });
    h.sandbox.ci.complete({ owner: "acme", repo: "api", sha, name: "job-60", conclusion: "failure" });
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull, event: "APPROVE" });
    await h.settle();
    expect(pullOf(pull)?.merged).toBe(false);
    const nudge = requests(pull)[0];
    expect(nudge?.body).toContain("job-60");
    expect(h.sandbox.requests.graphql.get("FactoryMoreChecks")?.count ?? 0).toBeGreaterThan(0);
  });
});
