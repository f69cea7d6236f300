import { beforeEach, describe, expect, it } from "vitest";
import { failureOf, seedWorld, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;
const b64 = (text: string): string => Buffer.from(text).toString("base64");

describe("the contents API", () => {
  let world: World;
  beforeEach(() => {
    world = seedWorld();
  });

  it("returns a file as JSON with base64 content and its git blob sha", async () => {
    const { data } = await world.octokit.rest.repos.getContent({ ...at, path: "docs/guide.md" });
    if (Array.isArray(data) || data.type !== "file") throw new Error("expected a file");
    expect(Buffer.from(data.content, "base64").toString("utf8")).toBe("# Guide\n");
    // `git hash-object` of "# Guide\n"
    expect(data.sha).toBe("8c0d02fadc02df29eefff5ad660a022b4a8e5efd");
    expect(data.encoding).toBe("base64");
  });

  it("returns the raw file as text/plain for the raw media type", async () => {
    const response = await world.octokit.rest.repos.getContent({ ...at, path: "docs/guide.md", mediaType: { format: "raw" } });
    expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(response.data).toBe("# Guide\n");
  });

  it("lists a directory", async () => {
    const { data } = await world.octokit.rest.repos.getContent({ ...at, path: "docs" });
    expect(Array.isArray(data) && data.map((e) => [e.name, e.type])).toEqual([["guide.md", "file"]]);
  });

  it("creates, then updates only with the current sha (compare-and-swap)", async () => {
    const created = await world.octokit.rest.repos.createOrUpdateFileContents({ ...at, path: "ledger/2025.jsonl", message: "ledger", content: b64("a\n") });
    expect(created.status).toBe(201);
    const sha = created.data.content?.sha as string;
    const updated = await world.octokit.rest.repos.createOrUpdateFileContents({ ...at, path: "ledger/2025.jsonl", message: "ledger", content: b64("a\nb\n"), sha });
    expect(updated.status).toBe(200);
    expect(world.sandbox.file("acme", "api", "main", "ledger/2025.jsonl")).toBe("a\nb\n");
    expect(world.sandbox.violations).toEqual([]);
  });

  it("refuses a stale sha with 409 and leaves the file unchanged", async () => {
    const created = await world.octokit.rest.repos.createOrUpdateFileContents({ ...at, path: "ledger/x.jsonl", message: "m", content: b64("one\n") });
    const staleSha = created.data.content?.sha as string;
    await world.octokit.rest.repos.createOrUpdateFileContents({ ...at, path: "ledger/x.jsonl", message: "m", content: b64("one\ntwo\n"), sha: staleSha });
    const failure = await failureOf(
      world.octokit.rest.repos.createOrUpdateFileContents({ ...at, path: "ledger/x.jsonl", message: "m", content: b64("one\nthree\n"), sha: staleSha }),
    );
    expect(failure.status).toBe(409);
    expect(failure.data.message).toBe(`ledger/x.jsonl does not match ${staleSha}`);
    expect(world.sandbox.file("acme", "api", "main", "ledger/x.jsonl")).toBe("one\ntwo\n");
  });

  it("refuses to overwrite an existing file without a sha (422)", async () => {
    const failure = await failureOf(world.octokit.rest.repos.createOrUpdateFileContents({ ...at, path: "docs/guide.md", message: "m", content: b64("x") }));
    expect(failure.status).toBe(422);
    expect(failure.data.message).toContain(`"sha" wasn't supplied`);
    expect(world.sandbox.file("acme", "api", "main", "docs/guide.md")).toBe("# Guide\n");
  });

  it("lets exactly one of two writers holding the same sha win", async () => {
    const { data } = await world.octokit.rest.repos.getContent({ ...at, path: "ledger/budget.jsonl" });
    const sha = (data as { sha: string }).sha;
    const attempts = await Promise.allSettled(
      ["first\n", "second\n"].map((line) =>
        world.octokit.rest.repos.createOrUpdateFileContents({ ...at, path: "ledger/budget.jsonl", message: "spend", content: b64(line), sha }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("writes to another branch and deletes with the current sha", async () => {
    const main = world.sandbox.branches("acme", "api").find((b) => b.name === "main")?.sha as string;
    await world.octokit.rest.git.createRef({ ...at, ref: "refs/heads/state", sha: main });
    await world.octokit.rest.repos.createOrUpdateFileContents({ ...at, path: "s.json", message: "m", content: b64("{}"), branch: "state" });
    expect(world.sandbox.file("acme", "api", "state", "s.json")).toBe("{}");
    expect(world.sandbox.file("acme", "api", "main", "s.json")).toBeUndefined();
    const { data } = await world.octokit.rest.repos.getContent({ ...at, path: "s.json", ref: "state" });
    await world.octokit.rest.repos.deleteFile({ ...at, path: "s.json", message: "rm", sha: (data as { sha: string }).sha, branch: "state" });
    expect(world.sandbox.file("acme", "api", "state", "s.json")).toBeUndefined();
  });

  it("answers 404 for a missing file", async () => {
    const failure = await failureOf(world.octokit.rest.repos.getContent({ ...at, path: "nope.md" }));
    expect(failure.status).toBe(404);
    expect(world.sandbox.violations).toEqual([]);
  });
});

describe("the contents API at the repository root", () => {
  it("lists the root for an empty path", async () => {
    const world = seedWorld();
    const { data } = await world.octokit.rest.repos.getContent({ owner: "acme", repo: "api", path: "" });
    expect(Array.isArray(data) && data.map((e) => `${e.type}:${e.name}`)).toEqual(["file:README.md", "dir:docs", "dir:ledger"]);
    expect(world.sandbox.violations).toEqual([]);
  });
});
