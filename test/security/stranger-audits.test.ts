import { afterEach, describe, expect, it } from "vitest";
import { parseMarkers } from "../../src/model/markers.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";

/*
 * Anyone can open an "[Audit]" issue in a public repository. Its findings
 * become issues Factory wrote only when a permitted user asks (SPEC §5).
 */

const BOT = "factory[bot]";
type SandboxIssue = { number: number; body: string | null; state: string; user: { login: string } };

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const issues = () => h.sandbox.issues("acme", "api") as unknown as SandboxIssue[];
/** Factory's finding issues made from `audit`. */
const madeFrom = (audit: number) => issues().filter((i) => i.user.login === BOT && parseMarkers(i.body).some((m) => m.kind === "finding" && m.fields.audit === `#${audit}`));
const factoryComments = (n: number) => h.sandbox.comments("acme", "api", n).filter((c) => c.user.login === BOT);

async function say(body: string, on: number, login = "mona") {
  const comment = h.sandbox.as(login).comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
  return factoryComments(on).find((c) => c.body.includes(`factory:reply comment=${comment.id} `))?.body ?? "";
}

function strangerAudit(what: string): number {
  return h.sandbox.as("visitor").createIssue({
    owner: "acme",
    repo: "api",
    title: `[Audit] ${what}`,
    body: ["## Findings", "", `### 1. ${what} in the upload handler (high)`, "`internal/upload/x.go:7` trusts the client.", "", `### 2. ${what} in the export handler (medium)`, "`internal/export/x.go:2` trusts the client."].join("\n"),
  }).number;
}

describe("audits opened by people without the permission", () => {
  it("are skipped by audit all, which says how to include them, while the maintainer's audits are processed", async () => {
    h = await startFactory({ repoConfig: "_extends: .github\n" });
    const stranger = strangerAudit("Path traversal");
    const [own] = h.world.audits as [number];
    const reply = await say("/factory audit all", own);
    expect(madeFrom(stranger)).toEqual([]);
    expect((h.sandbox.issue("acme", "api", stranger) as unknown as SandboxIssue).state).toBe("open");
    expect(factoryComments(stranger)).toEqual([]);
    expect(reply).toContain(`#${stranger} was skipped: it was opened by \`visitor\`, who lacks the command permission`);
    expect(reply).toContain("run `/factory audit` on it");
    // Control: the maintainer's own audits were turned into issues in the same run.
    for (const audit of h.world.audits) expect(madeFrom(audit).length).toBeGreaterThan(0);
  });

  it("are processed when a maintainer asks: /factory audit on it, or the audit label added by them", async () => {
    h = await startFactory({ repoConfig: "_extends: .github\n" });
    const asked = strangerAudit("Path traversal");
    const labelled = strangerAudit("Open redirect");
    await say("/factory audit", asked);
    expect(madeFrom(asked)).toHaveLength(2);
    h.sandbox.as("mona").addLabels({ owner: "acme", repo: "api", issue: labelled, labels: ["factory:audit"] });
    await h.settle();
    expect(madeFrom(labelled)).toHaveLength(2);
  });

  it("are not processed when the stranger asks", async () => {
    h = await startFactory({ repoConfig: "_extends: .github\n" });
    const audit = strangerAudit("Path traversal");
    await say("/factory audit", audit, "visitor");
    await say("/factory audit all", audit, "visitor");
    expect(madeFrom(audit)).toEqual([]);
  });
});
