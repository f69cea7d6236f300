import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { loadOpenApiSpec } from "../src/rest/openapi-spec.js";
import { RouteTable, type Route } from "../src/rest/route-table.js";
import { ResponseValidator } from "../src/rest/response-validator.js";
import { restHandlers } from "../src/rest/rest-handlers.js";
import type { RestHandler } from "../src/rest/rest-context.js";
import { seedWorld, type World } from "./sandbox-fixture.js";

const spec = loadOpenApiSpec();
const routes = new RouteTable(spec);

function route(operationId: string): Route {
  const found = routes.byId(operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}

/** A deep copy of a JSON value, to break on purpose. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Swaps the handler of `operationId` for one that answers what the real one
 * does, spoilt by `spoil`, for the length of `run`.
 */
async function withSpoiltHandler(operationId: string, spoil: (body: Record<string, unknown>) => void, run: () => Promise<void>): Promise<void> {
  const real = restHandlers[operationId] as RestHandler;
  restHandlers[operationId] = async (ctx) => {
    const result = await real(ctx);
    const body = copy(result.body) as Record<string, unknown>;
    spoil(body);
    return { ...result, body };
  };
  try {
    await run();
  } finally {
    restHandlers[operationId] = real;
  }
}

const at = { owner: "acme", repo: "api" } as const;

describe("the sandbox's REST answers checked against GitHub's response schemas", () => {
  let world: World;
  beforeEach(() => {
    world = seedWorld();
  });

  describe("the validator", () => {
    const validator = new ResponseValidator(spec, { cacheDir: null });

    it("names the method, route, status and the path of a missing required field", async () => {
      const { data } = await world.octokit.rest.repos.getBranch({ ...at, branch: "main" });
      expect(validator.check({ route: route("repos/get-branch"), status: 200, body: data })).toBeUndefined();
      const broken = copy(data) as { commit: { files: Record<string, unknown>[] } };
      expect(broken.commit.files.length).toBeGreaterThan(0);
      delete broken.commit.files[0]?.sha;
      expect(validator.check({ route: route("repos/get-branch"), status: 200, body: broken })).toBe(
        "response GET /repos/{owner}/{repo}/branches/{branch} 200: /commit/files/0 must have required property 'sha'",
      );
    });

    it("names every problem of a body: a wrong type, a value outside an enum, the fields an object lacks", async () => {
      const { data } = await world.octokit.rest.issues.create({ ...at, title: "Broken" });
      const broken = { ...copy(data), number: "1", author_association: "FRIEND", user: { login: "mona", id: 1 } };
      const problem = validator.check({ route: route("issues/create"), status: 201, body: broken }) ?? "";
      expect(problem).toMatch(/^response POST \/repos\/\{owner\}\/\{repo\}\/issues 201: /);
      expect(problem.split("; ").slice(1)).toEqual(
        expect.arrayContaining(["/number must be integer", expect.stringMatching(/^\/author_association must be one of \[.*"OWNER".*\], not "FRIEND"$/)]),
      );
      expect(problem).toMatch(/\/user must have required properties 'avatar_url', .*'url'/);
    });

    it("leaves error bodies and statuses GitHub does not document alone", () => {
      expect(validator.check({ route: route("issues/get"), status: 404, body: { message: 42 } })).toBeUndefined();
      expect(validator.check({ route: route("issues/get"), status: 299, body: {} })).toBeUndefined();
      expect(validator.check({ route: route("issues/get"), status: 200, body: {} })).toMatch(/^response GET \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\} 200: \(body\) must have required properties 'assignee', /);
    });

    it("checks as well from the code a previous process left on disk", async () => {
      const dir = mkdtempSync(join(tmpdir(), "response-validators-"));
      try {
        const { data } = await world.octokit.rest.repos.getBranch({ ...at, branch: "main" });
        const broken = copy(data) as { name?: string };
        delete broken.name;
        const expected = "response GET /repos/{owner}/{repo}/branches/{branch} 200: (body) must have required property 'name'";
        const compiling = new ResponseValidator(spec, { cacheDir: dir });
        expect(compiling.check({ route: route("repos/get-branch"), status: 200, body: broken })).toBe(expected);
        expect(readdirSync(dir)).toHaveLength(1);
        const loading = new ResponseValidator(spec, { cacheDir: dir });
        expect(loading.check({ route: route("repos/get-branch"), status: 200, body: data })).toBeUndefined();
        expect(loading.check({ route: route("repos/get-branch"), status: 200, body: broken })).toBe(expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("the router", () => {
    it("answers a branch, a commit, a pull request and its files without a violation", async () => {
      const { octokit, sandbox } = world;
      await octokit.rest.repos.getBranch({ ...at, branch: "main" });
      const main = (await octokit.rest.git.getRef({ ...at, ref: "heads/main" })).data.object.sha;
      await octokit.rest.git.createRef({ ...at, ref: "refs/heads/feature", sha: main });
      const guide = (await octokit.rest.repos.getContent({ ...at, path: "docs/guide.md" })).data as { sha: string };
      const content = Buffer.from("# Guide, edited\n").toString("base64");
      await octokit.rest.repos.createOrUpdateFileContents({ ...at, path: "docs/guide.md", branch: "feature", message: "Edit the guide", content, sha: guide.sha });
      const head = (await octokit.rest.repos.getBranch({ ...at, branch: "feature" })).data.commit.sha;
      await octokit.rest.repos.getCommit({ ...at, ref: head });
      const pull = (await octokit.rest.pulls.create({ ...at, title: "Edit the guide", head: "feature", base: "main" })).data;
      await octokit.rest.pulls.get({ ...at, pull_number: pull.number });
      await octokit.rest.pulls.listFiles({ ...at, pull_number: pull.number });
      expect(sandbox.violations).toEqual([]);
    });

    it("answers every operation the sandbox implements, as GitHub's schemas describe", async () => {
      const { octokit, appOctokit, sandbox, installationId } = world;
      const admin = world.withToken(sandbox.createUserToken("mona"));
      const call = async (route: string, params: Record<string, unknown> = {}, as: typeof octokit = octokit): Promise<Record<string, unknown>> =>
        (await as.request(route, { ...at, ...params })).data as Record<string, unknown>;

      // The app and who is calling.
      await call("GET /app", {}, appOctokit);
      await call("GET /app/installations", {}, appOctokit);
      await call("GET /app/installations/{installation_id}", { installation_id: installationId }, appOctokit);
      const [delivery] = (await appOctokit.request("GET /app/hook/deliveries")).data;
      await call("GET /app/hook/deliveries/{delivery_id}", { delivery_id: delivery?.id }, appOctokit);
      await call("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: delivery?.id }, appOctokit);
      await call("GET /orgs/{org}/installation", { org: "acme" }, appOctokit);
      sandbox.installApp({ appId: world.app.id, account: "dev" });
      await call("GET /users/{username}/installation", { username: "dev" }, appOctokit);
      await call("GET /repos/{owner}/{repo}/installation", {}, appOctokit);
      await call("GET /installation/repositories");
      await call("GET /rate_limit");
      await call("GET /user", {}, admin);
      await call("GET /users/{username}", { username: "dev" });
      await call("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { username: "dev" });

      // The repository, its files and its history.
      await call("GET /repos/{owner}/{repo}");
      await call("PATCH /repos/{owner}/{repo}", { allow_auto_merge: true }, admin);
      await call("GET /repos/{owner}/{repo}/contents/{path}", { path: "docs" });
      const guide = await call("GET /repos/{owner}/{repo}/contents/{path}", { path: "docs/guide.md" });
      const base64 = (text: string): string => Buffer.from(text).toString("base64");
      const main = ((await call("GET /repos/{owner}/{repo}/git/ref/{ref}", { ref: "heads/main" })).object as { sha: string }).sha;
      await call("POST /repos/{owner}/{repo}/git/refs", { ref: "refs/heads/feature", sha: main });
      await call("PUT /repos/{owner}/{repo}/contents/{path}", { path: "docs/guide.md", branch: "feature", message: "Edit the guide", content: base64("# Guide, edited\n"), sha: guide.sha });
      const created = await call("PUT /repos/{owner}/{repo}/contents/{path}", { path: "docs/new.md", branch: "feature", message: "Add a page", content: base64("new\n") });
      await call("DELETE /repos/{owner}/{repo}/contents/{path}", { path: "docs/new.md", branch: "feature", message: "Drop the page", sha: (created.content as { sha: string }).sha });
      const head = ((await call("GET /repos/{owner}/{repo}/branches/{branch}", { branch: "feature" })).commit as { sha: string }).sha;
      await call("GET /repos/{owner}/{repo}/branches");
      await call("GET /repos/{owner}/{repo}/commits/{ref}", { ref: head });
      await call("GET /repos/{owner}/{repo}/compare/{basehead}", { basehead: `main...feature` });
      await call("GET /repos/{owner}/{repo}/git/matching-refs/{ref}", { ref: "heads/" });
      const commit = await call("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", { commit_sha: head });
      const tree = await call("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { tree_sha: (commit.tree as { sha: string }).sha, recursive: "1" });
      const blob = (tree.tree as { type: string; sha: string }[]).find((entry) => entry.type === "blob") as { sha: string };
      await call("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", { file_sha: blob.sha });
      await call("POST /repos/{owner}/{repo}/git/refs", { ref: "refs/heads/scratch", sha: main });
      await call("PATCH /repos/{owner}/{repo}/git/refs/{ref}", { ref: "heads/scratch", sha: head });
      await call("DELETE /repos/{owner}/{repo}/git/refs/{ref}", { ref: "heads/scratch" });

      // Issues, labels, comments, reactions, sub-issues and dependencies.
      const epic = await call("POST /repos/{owner}/{repo}/issues", { title: "Epic", labels: ["epic"], assignees: ["dev"] });
      const child = await call("POST /repos/{owner}/{repo}/issues", { title: "Child", body: "Do it" });
      const blocker = await call("POST /repos/{owner}/{repo}/issues", { title: "Blocker" });
      await call("GET /repos/{owner}/{repo}/issues/{issue_number}", { issue_number: epic.number });
      await call("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { issue_number: child.number, body: "Do it now" });
      await call("GET /repos/{owner}/{repo}/issues", { state: "all" });
      await call("POST /repos/{owner}/{repo}/labels", { name: "ready", color: "0e8a16", description: "Ready to go" });
      await call("GET /repos/{owner}/{repo}/labels/{name}", { name: "ready" });
      await call("PATCH /repos/{owner}/{repo}/labels/{name}", { name: "ready", color: "00ff00" });
      await call("GET /repos/{owner}/{repo}/labels");
      await call("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { issue_number: child.number, labels: ["ready"] });
      await call("PUT /repos/{owner}/{repo}/issues/{issue_number}/labels", { issue_number: child.number, labels: ["ready", "epic"] });
      await call("GET /repos/{owner}/{repo}/issues/{issue_number}/labels", { issue_number: child.number });
      await call("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", { issue_number: child.number, name: "epic" });
      await call("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels", { issue_number: child.number });
      await call("DELETE /repos/{owner}/{repo}/labels/{name}", { name: "ready" });
      await call("POST /repos/{owner}/{repo}/issues/{issue_number}/assignees", { issue_number: child.number, assignees: ["dev"] });
      await call("DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees", { issue_number: child.number, assignees: ["dev"] });
      const comment = await call("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { issue_number: epic.number, body: "Hello" });
      await call("GET /repos/{owner}/{repo}/issues/comments/{comment_id}", { comment_id: comment.id });
      await call("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", { comment_id: comment.id, body: "Hello again" });
      await call("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { issue_number: epic.number });
      await call("GET /repos/{owner}/{repo}/issues/comments");
      const onIssue = await call("POST /repos/{owner}/{repo}/issues/{issue_number}/reactions", { issue_number: epic.number, content: "eyes" });
      const onComment = await call("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { comment_id: comment.id, content: "rocket" });
      await call("GET /repos/{owner}/{repo}/issues/{issue_number}/reactions", { issue_number: epic.number });
      await call("GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { comment_id: comment.id });
      await call("DELETE /repos/{owner}/{repo}/issues/{issue_number}/reactions/{reaction_id}", { issue_number: epic.number, reaction_id: onIssue.id });
      await call("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}", { comment_id: comment.id, reaction_id: onComment.id });
      await call("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", { comment_id: comment.id });
      await call("POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", { issue_number: epic.number, sub_issue_id: child.id });
      await call("GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", { issue_number: epic.number });
      await call("GET /repos/{owner}/{repo}/issues/{issue_number}/parent", { issue_number: child.number });
      await call("DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue", { issue_number: epic.number, sub_issue_id: child.id });
      await call("POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", { issue_number: child.number, issue_id: blocker.id });
      await call("GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", { issue_number: child.number });
      await call("GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking", { issue_number: blocker.number });
      await call("DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}", { issue_number: child.number, issue_id: blocker.id });
      await call("PUT /repos/{owner}/{repo}/issues/{issue_number}/lock", { issue_number: blocker.number, lock_reason: "resolved" });
      await call("DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock", { issue_number: blocker.number });

      // A pull request from review to merge, with its checks and statuses.
      const pull = await call("POST /repos/{owner}/{repo}/pulls", { title: "Edit the guide", head: "feature", base: "main", body: `Closes #${child.number}` });
      const number = { pull_number: pull.number };
      await call("GET /repos/{owner}/{repo}/pulls/{pull_number}", number);
      await call("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { ...number, body: "Edited" });
      await call("GET /repos/{owner}/{repo}/pulls", { state: "all" });
      await call("GET /repos/{owner}/{repo}/pulls/{pull_number}/commits", number);
      await call("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", number);
      await call("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", { ...number, reviewers: ["mona"] });
      await call("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { ...number, event: "COMMENT", body: "Looks fine", comments: [{ path: "docs/guide.md", line: 1, body: "Nice" }] }, admin);
      await call("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", number);
      await call("GET /repos/{owner}/{repo}/pulls/{pull_number}/comments", number);
      const run = await call("POST /repos/{owner}/{repo}/check-runs", { name: "test", head_sha: head, status: "in_progress" });
      await call("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", { check_run_id: run.id, conclusion: "success", output: { title: "Passed", summary: "All good" } });
      await call("GET /repos/{owner}/{repo}/check-runs/{check_run_id}", { check_run_id: run.id });
      await call("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", { ref: head });
      await call("GET /repos/{owner}/{repo}/commits/{ref}/check-suites", { ref: head });
      await call("POST /repos/{owner}/{repo}/statuses/{sha}", { sha: head, state: "success", context: "build", target_url: "https://ci.example/1", description: "Built" }, admin);
      await call("GET /repos/{owner}/{repo}/commits/{ref}/statuses", { ref: head });
      await call("GET /repos/{owner}/{repo}/commits/{ref}/status", { ref: head });
      sandbox.as("mona").pushCommit({ ...at, branch: "main", files: { "docs/other.md": "other\n" } });
      await call("PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch", number);
      await call("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", { ...number, merge_method: "squash" });

      // The rules of the default branch.
      await call("PUT /repos/{owner}/{repo}/branches/{branch}/protection", { branch: "main", required_status_checks: { strict: true, contexts: ["build"] }, enforce_admins: true, required_pull_request_reviews: { required_approving_review_count: 1 }, restrictions: null }, admin);
      await call("GET /repos/{owner}/{repo}/branches/{branch}/protection", { branch: "main" }, admin);
      await call("GET /repos/{owner}/{repo}/branches/{branch}", { branch: "main" }, admin);
      await call("DELETE /repos/{owner}/{repo}/branches/{branch}/protection", { branch: "main" }, admin);
      const ruleset = await call("POST /repos/{owner}/{repo}/rulesets", { name: "epics", target: "branch", enforcement: "active", conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } }, rules: [{ type: "pull_request", parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: true, require_code_owner_review: false, require_last_push_approval: false, required_review_thread_resolution: false } }] }, admin);
      await call("GET /repos/{owner}/{repo}/rulesets", {}, admin);
      await call("GET /repos/{owner}/{repo}/rulesets/{ruleset_id}", { ruleset_id: ruleset.id }, admin);
      await call("PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}", { ruleset_id: ruleset.id, enforcement: "evaluate" }, admin);
      await call("GET /repos/{owner}/{repo}/rules/branches/{branch}", { branch: "main" });
      await call("DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}", { ruleset_id: ruleset.id }, admin);

      expect(sandbox.violations).toEqual([]);
      const uncalled = Object.keys(restHandlers)
        .map((operationId) => route(operationId))
        .filter((r) => !sandbox.requests.rest.has(`${r.method} ${r.template}`))
        .map((r) => r.operationId);
      expect(uncalled).toEqual([]);
    });

    it("records an answer GitHub's schema would not allow as a violation, and still sends it", async () => {
      await withSpoiltHandler(
        "repos/get-branch",
        (body) => delete (body.commit as { files: Record<string, unknown>[] }).files[0]?.sha,
        async () => {
          const { data } = await world.octokit.rest.repos.getBranch({ ...at, branch: "main" });
          expect(data.commit.files?.[0]?.sha).toBeUndefined();
        },
      );
      expect(world.sandbox.violations).toEqual([
        "response GET /repos/{owner}/{repo}/branches/{branch} 200: /commit/files/0 must have required property 'sha'",
      ]);
    });

    it("checks nothing when the sandbox is told not to", async () => {
      const quiet = seedWorld({ validateResponses: false });
      await withSpoiltHandler(
        "repos/get-branch",
        (body) => delete body.name,
        async () => void (await quiet.octokit.rest.repos.getBranch({ ...at, branch: "main" })),
      );
      expect(quiet.sandbox.violations).toEqual([]);
    });
  });
});
