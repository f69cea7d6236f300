import { describe, expect, it } from "vitest";
import { Sandbox } from "@factory/sandbox";
import { seedDemo } from "../../../demo/seed-demo.js";
import { messageSession, startSession } from "../../../src/github/executor/agent-session.js";

/*
 * Starting a Jules session is ensure-style: a session with the same title
 * (a run that crashed after starting it) is kept, and an answer that leaves
 * unknown whether it was made is followed by a look before a second try.
 * Errors name the variable, never the key.
 */

function world() {
  const sandbox = new Sandbox({ profile: "production" });
  const seeded = seedDemo(sandbox);
  sandbox.addAgent({ preset: "jules" });
  sandbox.julesApi.addKey("k-1", "mona");
  const repo = `${seeded.org}/${seeded.repo}`;
  const issue = sandbox.as(seeded.maintainer).createIssue({ owner: seeded.org, repo: seeded.repo, title: "fix the leak" }).number;
  return { sandbox, repo, issue };
}

describe("startSession", () => {
  it("starts one session, and finds it the second time instead of starting another", async () => {
    const { sandbox, repo, issue } = world();
    const apis = { env: { KEY: "k-1" }, fetch: sandbox.julesApi.fetch };
    const action = { session: { api: "jules" as const, apiKeyEnv: "KEY", repo, title: `${repo}#${issue}:1 fix the leak` }, startingBranch: "main", prompt: `Implement issue #${issue}` };
    expect(await startSession(apis, action)).toBe("done");
    expect(await startSession(apis, action)).toBe("exists");
    expect(sandbox.julesApi.sessions.map((s) => s.title)).toEqual([`${repo}#${issue}:1 fix the leak`]);
  });

  it("looks again after a 503 and does not start a second session when the first one landed", async () => {
    const { sandbox, repo, issue } = world();
    let failed = false;
    // The stand-in makes the session, then the answer is lost: GitHub-style "applied but errored".
    const flaky: typeof fetch = async (input, init) => {
      const response = await sandbox.julesApi.fetch(input, init);
      if (!failed && init?.method === "POST") {
        failed = true;
        return new Response(JSON.stringify({ error: { code: 503, message: "backend unavailable", status: "UNAVAILABLE" } }), { status: 503 });
      }
      return response;
    };
    const action = { session: { api: "jules" as const, apiKeyEnv: "KEY", repo, title: `${repo}#${issue}:1 x` }, startingBranch: "main", prompt: `#${issue}` };
    expect(await startSession({ env: { KEY: "k-1" }, fetch: flaky }, action)).toBe("done");
    expect(sandbox.julesApi.sessions).toHaveLength(1);
  });

  it("says which variable to check when the key is refused or missing, without the key", async () => {
    const { sandbox, repo, issue } = world();
    const action = { session: { api: "jules" as const, apiKeyEnv: "KEY", repo, title: `${repo}#${issue}:1 x` }, startingBranch: "main", prompt: `#${issue}` };
    const refused = startSession({ env: { KEY: "not-a-key" }, fetch: sandbox.julesApi.fetch }, action);
    await expect(refused).rejects.toThrow(/the Jules API answered 401 to GET \/sessions.*check the key in `KEY`/);
    await expect(refused).rejects.not.toThrow(/not-a-key/);
    await expect(startSession({ env: {}, fetch: sandbox.julesApi.fetch }, action)).rejects.toThrow("`KEY` is not set in Factory's environment");
  });

  it("sends a message to the newest session of the child, and fails clearly when there is none", async () => {
    const { sandbox, repo, issue } = world();
    const apis = { env: { KEY: "k-1" }, fetch: sandbox.julesApi.fetch };
    await expect(messageSession(apis, { api: "jules", apiKeyEnv: "KEY", repo, title: `${repo}#${issue}:`, prompt: "Can you fix it?" })).rejects.toThrow(`no jules session titled '${repo}#${issue}:…'`);
    await startSession(apis, { session: { api: "jules", apiKeyEnv: "KEY", repo, title: `${repo}#${issue}:1 x` }, startingBranch: "main", prompt: `#${issue}` });
    await messageSession(apis, { api: "jules", apiKeyEnv: "KEY", repo, title: `${repo}#${issue}:`, prompt: "Can you fix it?" });
    expect(sandbox.julesApi.requests.filter((r) => r.path.endsWith(":sendMessage")).map((r) => r.status)).toEqual([200]);
  });
});
