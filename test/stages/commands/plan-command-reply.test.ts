import { describe, expect, it } from "vitest";
import { parseCommands } from "../../../src/stages/commands/parse-commands.js";
import { planCommandReply } from "../../../src/stages/commands/plan-command-reply.js";

const comment = { id: 7, createdAt: "2026-01-01T00:00:00Z", author: "drifter" };
const config = { ok: true as const, config: { commands: { permission: "write" as const } } };

describe("planCommandReply", () => {
  it("answers someone without the permission with the reply alone: one write", () => {
    const actions = planCommandReply({ commands: parseCommands("/factory help"), issueNumber: 1, comment, role: "none", permitted: false, config });
    expect(actions.map((a) => a.kind)).toEqual(["comment"]);
  });

  it("answers a permitted author with the reply and a final reaction", () => {
    const actions = planCommandReply({ commands: parseCommands("/factory help"), issueNumber: 1, comment, role: "write", permitted: true, config });
    expect(actions.map((a) => a.key)).toEqual(["reply:7", "rocket:7"]);
  });

  it("refuses the member views of budget without naming a member", () => {
    const [reply] = planCommandReply({ commands: parseCommands("/factory budget --team"), issueNumber: 1, comment, role: "read", permitted: false, config });
    expect(reply?.kind === "comment" && reply.body).toMatch(/^😕 `\/factory budget --team`\n\nNot done: this view of `budget` lists the members and their quotas, so it needs \*\*write\*\* permission; you have \*\*read\*\*\. Ask a maintainer to run it\. Anyone may ask for `--plan`, `--history` or `--forecast`\.$/);
  });
});
