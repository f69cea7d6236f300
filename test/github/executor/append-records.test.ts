import { afterEach, describe, expect, it } from "vitest";
import { applyActions } from "../../../src/github/executor/apply-actions.js";
import type { Octokit } from "../../../src/github/octokit.js";
import type { Action, LedgerFileRef } from "../../../src/model/action.js";
import { startFactory, type FactoryHarness } from "../../helpers/factory-harness.js";

/*
 * Records beside the ledger and the pause file are rewritten with
 * compare-and-swap: a writer that lost the race to another re-reads the file
 * and writes again, keeping the other writer's line, never doubling its own.
 */

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const FILE: LedgerFileRef = { owner: "acme", repo: "api", branch: "main", path: "ledger/journal-2026-12.jsonl" };
const PUT = "/repos/{owner}/{repo}/contents/{path}";
const file = (path = FILE.path) => h.sandbox.file("acme", "api", "main", path) ?? "";
const record = (key: string) => ({ key, kind: "child-done", epic: 6 });

async function apply(action: Action) {
  const octokit = (await h.run(h.probot.auth(h.world.installationId))) as unknown as Octokit;
  return h.run(applyActions({ octokit, repo: { owner: "acme", repo: "api" }, identity: { login: "factory[bot]" }, actions: [action] }));
}

/** Another process appends a line just before each of Factory's next `times` writes of the file. */
function anotherWriterFirst(times: number) {
  let n = 0;
  h.sandbox.faults.add({
    method: "PUT",
    route: PUT,
    times,
    meanwhile: () => {
      n += 1;
      h.sandbox.as("mona").pushCommit({ owner: "acme", repo: "api", branch: "main", files: { [FILE.path]: `${file()}${JSON.stringify(record(`other-${n}`))}\n` } });
    },
  });
}

describe("appendRecords and setRepoPause under a concurrent writer", () => {
  it("re-reads after losing the race, keeps the other writer's line and writes its own once", async () => {
    h = await startFactory();
    anotherWriterFirst(1);
    const [applied] = await apply({ kind: "appendRecords", key: "journal:6", file: FILE, records: [record("a")], message: "factory: journal a" });
    expect(applied?.outcome).toBe("done");
    expect(file().trim().split("\n").map((line) => JSON.parse(line).key)).toEqual(["other-1", "a"]);
    // Applied again (a redelivered event): nothing new, nothing written.
    const writes = h.sandbox.requests.entries.filter((e) => e.route === `PUT ${PUT}`).length;
    const [again] = await apply({ kind: "appendRecords", key: "journal:6", file: FILE, records: [record("a")], message: "factory: journal a" });
    expect(again?.outcome).toBe("exists");
    expect(h.sandbox.requests.entries.filter((e) => e.route === `PUT ${PUT}`)).toHaveLength(writes);
  });

  it("gives up, saying so, when the file changes under every one of its attempts", async () => {
    h = await startFactory();
    anotherWriterFirst(5);
    await expect(apply({ kind: "appendRecords", key: "journal:6", file: FILE, records: [record("a")], message: "factory: journal a" })).rejects.toMatchObject({
      cause: { message: `${FILE.path} kept changing under 5 attempts to append to it` },
    });
    expect(file()).not.toContain('"a"');
    // One write per attempt: a conflict is re-read and decided, never sent again blindly.
    expect(h.sandbox.requests.entries.filter((e) => e.route === `PUT ${PUT}`).map((e) => e.status)).toEqual([422, 409, 409, 409, 409]);
  });

  it("pauses a repository in a pause file another writer changed meanwhile, keeping that writer's entry", async () => {
    h = await startFactory();
    const pause: LedgerFileRef = { ...FILE, path: "ledger/paused.json" };
    h.sandbox.faults.add({
      method: "PUT",
      route: PUT,
      times: 1,
      meanwhile: () => {
        const other = { repos: { "acme/web": { by: "rita", since: "2026-12-06T09:00:00.000Z" } } };
        h.sandbox.as("mona").pushCommit({ owner: "acme", repo: "api", branch: "main", files: { [pause.path]: `${JSON.stringify(other, null, 2)}\n` } });
      },
    });
    const action: Action = { kind: "setRepoPause", key: "pause:acme/api", file: pause, repo: "acme/api", paused: true, by: "mona", at: "2026-12-06T10:00:00.000Z" };
    expect((await apply(action))[0]?.outcome).toBe("done");
    expect(JSON.parse(file(pause.path))).toEqual({
      repos: { "acme/web": { by: "rita", since: "2026-12-06T09:00:00.000Z" }, "acme/api": { by: "mona", since: "2026-12-06T10:00:00.000Z" } },
    });
    expect((await apply(action))[0]?.outcome).toBe("exists");
  });
});
