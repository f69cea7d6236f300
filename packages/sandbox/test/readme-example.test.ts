import { readFileSync } from "node:fs";
import { Probot, ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { Sandbox } from "@factory/sandbox";

/*
 * The example in packages/sandbox/README.md, run as written there: any Probot app
 * tested against the sandbox, with no stubbed request and no network. It
 * imports the package by its name, as an app's tests would.
 */

describe("the sandbox README's example", () => {
  it("has every line of the README's example in this test", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const example = /^## Example\n[\s\S]*?^```ts\n([\s\S]*?)^```/m.exec(readme)?.[1] ?? "";
    const here = new Set(readFileSync(new URL(import.meta.url), "utf8").split("\n").map((line) => line.trim()));
    const lines = example.split("\n").map((line) => line.trim()).filter((line) => line !== "");
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((line) => !here.has(line))).toEqual([]);
  });

  it("runs a small Probot app against the sandbox and checks GitHub's final state", async () => {
    // A world: an organisation, a repository, a maintainer, and the app installed on the organisation.
    const github = new Sandbox({ profile: "production" });
    github.createUser("mona");
    github.createOrg("acme", { members: [{ login: "mona" }] });
    github.createRepo({ owner: "acme", name: "api", files: { "README.md": "# api\n" } });
    github.addCollaborator({ owner: "acme", repo: "api", login: "mona", permission: "write" });
    const app = github.createApp({ slug: "greeter", webhookSecret: "a-secret-of-some-length" });
    github.installApp({ appId: app.id, account: "acme" });

    // The app under test, with Probot's real JWT → installation-token flow, talking to the sandbox in-process.
    const probot = new Probot({
      appId: app.id,
      privateKey: app.privateKey,
      secret: "a-secret-of-some-length",
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
      request: { fetch: github.fetch },
    });
    await probot.load((bot) => {
      bot.on("issues.opened", async (context) => {
        await context.octokit.rest.issues.createComment(context.issue({ body: `Thanks, @${context.payload.sender.login}!` }));
      });
    });
    github.webhooks.toProbot(probot);

    // Someone acts on GitHub; signed webhooks reach the app; the test reads what GitHub now holds.
    const issue = github.as("mona").createIssue({ owner: "acme", repo: "api", title: "Hello", body: "" });
    await github.webhooks.flush();
    expect(github.comments("acme", "api", issue.number).map((c) => [c.user.login, c.body])).toEqual([["greeter[bot]", "Thanks, @mona!"]]);
    expect(github.requests.entries.map((e) => `${e.route} ${e.status}`)).toEqual([
      "POST /app/installations/{installation_id}/access_tokens 201",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments 201",
    ]);
    // Anything GitHub would have refused (an unknown route, a body its schema rejects) would be listed here.
    expect(github.violations).toEqual([]);
  });
});
