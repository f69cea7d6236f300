import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { CREATE_ATTEMPTS } from "../../src/github/executor/create-once.js";

let h: FactoryHarness;
beforeEach(async () => {
  h = await startFactory();
});
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const BOT = "factory[bot]";

function factoryComments(number: number) {
  return h.sandbox.comments("acme", "api", number).filter((c) => c.user.login === BOT);
}

function reactionsOn(commentId: number) {
  return h.sandbox.reactions("acme", "api", { commentId }).map((r) => `${r.content}:${r.user.login}`).sort();
}

async function say(login: string, body: string, issue?: number) {
  const number = issue ?? (h.world.audits[0] as number);
  const comment = h.sandbox.as(login).comment({ owner: "acme", repo: "api", issue: number, body });
  await h.settle();
  return { comment, number };
}

describe("/factory commands on the sandbox", () => {
  it("answers help with the command reference, 👀 then 🚀", async () => {
    const { comment, number } = await say("mona", "/factory help");
    const replies = factoryComments(number);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain("/factory dispatch phase N");
    expect(replies[0]?.body).toContain(`<!-- factory:reply comment=${comment.id} -->`);
    expect(reactionsOn(comment.id)).toEqual([`eyes:${BOT}`, `rocket:${BOT}`]);
    // The help was not a write: nothing but the reply and reactions changed.
    expect(h.sandbox.issue("acme", "api", number).state).toBe("open");
  });

  it("refuses a state-changing verb from a read-only user and changes nothing", async () => {
    const before = h.sandbox.snapshot();
    const { comment, number } = await say("visitor", "/factory audit");
    const replies = factoryComments(number);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toMatch(/needs \*\*write\*\* permission; you have \*\*read\*\*/);
    // Without the permission the reply is the whole answer: no reaction, as each is a write (SPEC §5).
    expect(reactionsOn(comment.id)).toEqual([]);
    const after = h.sandbox.snapshot();
    expect(after.issues.length).toBe(before.issues.length);
    expect(h.sandbox.issue("acme", "api", number).state).toBe("open");
    expect(h.sandbox.requests.rest.get("GET /repos/{owner}/{repo}/collaborators/{username}/permission")).toBe(1);
  });

  it("lets anyone ask for status, and answers a maintainer's sync with what it reconciled", async () => {
    const status = await say("visitor", "/factory status");
    expect(factoryComments(status.number)[0]?.body).toContain("No open epic in this repository.");
    expect(reactionsOn(status.comment.id)).toEqual([]);
    const { comment, number } = await say("mona", "/factory sync");
    expect(factoryComments(number).find((c) => c.body.includes(`comment=${comment.id} `))?.body).toContain("No open epic in this repository: nothing to reconcile.");
  });

  it("answers an unknown verb with the help text, without echoing mentions", async () => {
    const { number } = await say("mona", "/factory deploy @everyone");
    const body = factoryComments(number)[0]?.body ?? "";
    expect(body).toMatch(/deploy/);
    expect(body).toContain("/factory help");
    // A mention inside a code span does not ping anyone on GitHub; outside one it would.
    const outsideCode = body.replace(/`[^`\n]*`/g, "");
    expect(body).toContain("@everyone");
    expect(outsideCode).not.toContain("@everyone");
  });

  it("answers several commands in one reply, in order", async () => {
    const { comment, number } = await say("mona", "/factory help\nsome prose\n/factory retry\n/factory sync --dry-run");
    const replies = factoryComments(number);
    expect(replies).toHaveLength(1);
    const body = replies[0]?.body ?? "";
    expect(body.indexOf("/factory help")).toBeLessThan(body.indexOf("/factory retry"));
    expect(body).toContain("/factory retry #N");
    expect(reactionsOn(comment.id)).toEqual([`confused:${BOT}`, `eyes:${BOT}`]);
  });

  it("ignores commands in code blocks and quotes, and comments by bots", async () => {
    await say("mona", "```\n/factory help\n```\n> /factory help");
    h.sandbox.createUser("renovate[bot]", { type: "Bot" });
    await say("renovate[bot]", "/factory help");
    expect(factoryComments(h.world.audits[0] as number)).toHaveLength(0);
  });

  it("does not re-run a command when its comment is edited", async () => {
    const { comment, number } = await say("mona", "looks good");
    h.sandbox.as("mona").editComment({ owner: "acme", repo: "api", commentId: comment.id, body: "/factory help" });
    await h.settle();
    expect(factoryComments(number)).toHaveLength(0);
  });

  it("answers once when GitHub delivers the same webhook twice", async () => {
    h.sandbox.webhooks.duplicateNext(1);
    const { number } = await say("mona", "/factory help");
    const deliveries = h.sandbox.webhooks.log.filter((d) => d.name === "issue_comment" && d.action === "created");
    const ids = deliveries.map((d) => d.id);
    // The maintainer's comment was delivered twice under one delivery id.
    expect(ids.length - new Set(ids).size).toBe(1);
    expect(factoryComments(number)).toHaveLength(1);
  });

  it("reports a broken config to the person who ran the command, naming file and line, and does nothing else", async () => {
    h.sandbox.as("mona").pushCommit({
      owner: "acme",
      repo: "api",
      branch: "main",
      message: "break the config",
      files: { ".github/factory.yml": "commands:\n  permission: everyone\n" },
    });
    const { comment, number } = await say("mona", "/factory help");
    const body = factoryComments(number)[0]?.body ?? "";
    expect(body).toContain(".github/factory.yml");
    expect(body).toMatch(/line 2/i);
    expect(body).toMatch(/permission/);
    expect(reactionsOn(comment.id)).toEqual([`confused:${BOT}`, `eyes:${BOT}`]);
  });

  it("logs every delivery with its id and reports a failing GitHub call on the issue", async () => {
    // The reply fails every time the executor tries it; the report of the failure then gets through.
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", status: 502, times: CREATE_ATTEMPTS });
    const { comment, number } = await say("mona", "/factory help");
    const replies = factoryComments(number);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain("could not finish");
    expect(replies[0]?.body).toContain("GitHub answered 502");
    expect(reactionsOn(comment.id)).toContain(`confused:${BOT}`);
    const delivery = h.sandbox.webhooks.log.find((d) => d.name === "issue_comment" && d.action === "created");
    expect(h.logs.some((l) => l.deliveryId === delivery?.id && l.msg === "Received issue_comment.created")).toBe(true);
    expect(h.logs.some((l) => l.deliveryId === delivery?.id && l.msg === "Command job failed")).toBe(true);
  });
});
