import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/build-program.js";

const fixture = (name: string) => new URL(`../../fixtures/audits/${name}`, import.meta.url).pathname;

async function run(args: string[], stdin = ""): Promise<{ out: string; err: string; error?: Error }> {
  let out = "";
  let err = "";
  const program = buildProgram({ out: { write: (t: string) => (out += t) }, err: { write: (t: string) => (err += t) }, readStdin: async () => stdin });
  program.exitOverride();
  try {
    await program.parseAsync(["node", "factory", ...args]);
    return { out, err };
  } catch (error) {
    return { out, err, error: error as Error };
  }
}

describe("factory audit parse", () => {
  it("prints the findings as JSON, the same as the fixture's golden file", async () => {
    const { out, error } = await run(["audit", "parse", fixture("owasp-top10.md"), "--json"]);
    expect(error).toBeUndefined();
    expect(JSON.parse(out).findings).toEqual(JSON.parse(readFileSync(fixture("owasp-top10.expected.json"), "utf8")));
  });

  it("reads the audit from standard input with -", async () => {
    const { out, error } = await run(["audit", "parse", "-", "--json"], readFileSync(fixture("owasp-top10.md"), "utf8"));
    expect(error).toBeUndefined();
    expect(JSON.parse(out).findings).toEqual(JSON.parse(readFileSync(fixture("owasp-top10.expected.json"), "utf8")));
  });

  it("shows the framework issues the findings add, with the findings each blocks", async () => {
    const { out } = await run(["audit", "parse", fixture("pattern-request-timeouts.md"), "--json"]);
    const parsed = JSON.parse(out) as { findings: Array<{ title: string }>; frameworks: Array<{ title: string; findings: string[]; packages: string[] }> };
    expect(parsed.frameworks).toHaveLength(1);
    expect(parsed.frameworks[0]?.packages.length).toBeGreaterThanOrEqual(3);
    expect(parsed.frameworks[0]?.findings.every((title) => parsed.findings.some((f) => f.title === title))).toBe(true);
    const table = (await run(["audit", "parse", fixture("pattern-request-timeouts.md")])).out;
    expect(table).toContain(`Framework issue: ${parsed.frameworks[0]?.title}`);
    expect((await run(["audit", "parse", fixture("owasp-top10.md")])).out).not.toContain("Framework issue");
  });

  it("warns on stderr when the audit is longer than GitHub allows an issue body", async () => {
    const long = `## Findings\n\n### Missing timeout\n\n\`api/client.go:3\` has none.\n\n${"filler text. ".repeat(6_000)}\n`;
    const { out, err } = await run(["audit", "parse", "-"], long);
    expect(err).toMatch(/^warning: the audit is 78,064 characters; GitHub refuses issue bodies over 65,536/);
    expect(out).toContain("missing timeout");
    expect((await run(["audit", "parse", fixture("owasp-top10.md")])).err).toBe("");
  });

  it("prints a readable list without --json", async () => {
    const { out } = await run(["audit", "parse", fixture("french-constats.md")]);
    expect(out).toContain("  1. security(loans): loan renewal endpoint lacks an ownership check");
    expect(out).toContain("services/loans/app/celery.py");
    expect(out.trim().endsWith("5 findings.")).toBe(true);
  });

  it("says so when an audit has nothing actionable", async () => {
    const { out } = await run(["audit", "parse", fixture("no-findings.md")]);
    expect(out).toBe("No actionable finding: Factory would close this audit as not planned.\n");
  });

  it("classifies with the keyword maps of a config file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "factory-cli-"));
    const audit = join(dir, "audit.md");
    writeFileSync(audit, "## Findings\n\n### Runbook for failover is wrong\n\n`ops/failover.md:3` names the old cluster.\n");
    const config = join(dir, "factory.yml");
    writeFileSync(config, "audit:\n  keywords:\n    type:\n      docs: [runbook]\n");
    const before = JSON.parse((await run(["audit", "parse", audit, "--json"])).out).findings;
    const after = JSON.parse((await run(["audit", "parse", audit, "--json", "--config", config])).out).findings;
    expect(before[0].type).toBe("quality");
    expect(after[0].title).toBe("docs(ops): runbook for failover is wrong");
  });

  it("fails with one clear line for a missing file or a broken config", async () => {
    const missing = await run(["audit", "parse", "does-not-exist.md"]);
    expect(missing.error?.message).toBe("no such file: does-not-exist.md");
    const broken = await run(["audit", "parse", fixture("code-blocks.md"), "--config", new URL("../../fixtures/configs/broken/wrong-type.yml", import.meta.url).pathname]);
    expect(broken.error?.message).toMatch(/^Invalid config in .*wrong-type\.yml, line \d+:/);
  });
});
