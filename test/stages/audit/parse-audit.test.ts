import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import type { Finding } from "../../../src/stages/audit/finding.js";
import { parseAudit } from "../../../src/stages/audit/parse-audit.js";

const keywords = configSchema.parse({}).audit.keywords;

/** The fields a reader of the audit would check, one finding per entry. */
type Expected = Pick<Finding, "title" | "severity" | "type"> & Partial<Finding>;

const headingWithFields = `# Audit of acme/api

## Findings

### SQL injection in search

**Severity:** High
**Location:** \`internal/api/search.go:42\`

The handler concatenates user input.

### Missing rate limiting on webhook

**Severity:** Medium
**Recommendation:** Add a rate limiter.

Affects internal/webhook/handler.go:10.
`;

const subHeadings = `## Hardcoded secret in config

### Description

The token is committed.

### Recommendation

Move it to a secret manager.

### Location

- config/settings.py:12

## Weak password hashing

### Description

Uses MD5.

### Recommendation

Use bcrypt.

### Location

auth/hash.go:5
`;

const groupedBullets = `## Executive summary

Two problems, one nit.

## High

- **SQL injection** in \`api/search.go:42\`
- **Unbounded cache** in \`web/cache.ts:8\`

## Low

- **Verbose errors** in \`api/errors.go:3\`
`;

const table = `| Sev | Finding | File |
|---|---|---|
| High | SQL injection in search | api/search.go:42 |
| Low | Missing docs for config | README.md |
`;

const tableOtherOrder = `| File | Finding | Severity |
|---|---|---|
| api/search.go:42 | SQL injection in search | Critical |
| web/app.ts:7 | Slow render of list | Medium |
`;

const taskList = `## Findings

- [x] **Fixed already** in \`api/old.go:1\` (High)
- [ ] **SQL injection** in \`api/search.go:42\` (High)
- [ ] **Missing timeout** in \`web/client.ts:8\` (Medium)
`;

const countsTable = `## Summary

| Severity | Count |
|---|---|
| High | 2 |
| Low | 1 |

## Findings

| Severity | Count |
|---|---|
| High | 2 |

### SQL injection in search

**Severity:** High
**Location:** api/search.go:42
`;

const explicitType = `### Missing tests for the security token check

**Severity:** Low
**Type:** Docs
**Location:** api/token.go:4
`;

describe("parseAudit", () => {
  it.each<[string, string, Expected[]]>([
    [
      "a heading per finding with bold fields",
      headingWithFields,
      [
        {
          title: "security(api): SQL injection in search",
          severity: "high",
          type: "security",
          locations: [{ path: "internal/api/search.go", line: 42 }],
          scope: "single-file",
          complexity: "small",
        },
        {
          title: "security(webhook): missing rate limiting on webhook",
          severity: "medium",
          type: "security",
          locations: [{ path: "internal/webhook/handler.go", line: 10 }],
          fix: "Add a rate limiter.",
          fixKind: "rate-limiting",
        },
      ],
    ],
    [
      "sub-headings for description, recommendation and location",
      subHeadings,
      [
        {
          title: "security(config): hardcoded secret in config",
          severity: "medium",
          type: "security",
          locations: [{ path: "config/settings.py", line: 12 }],
          fix: "Move it to a secret manager.",
        },
        { title: "security(auth): weak password hashing", severity: "medium", type: "security", locations: [{ path: "auth/hash.go", line: 5 }], fix: "Use bcrypt." },
      ],
    ],
    [
      "bullets grouped under severity headings",
      groupedBullets,
      [
        { title: "security(api): SQL injection", severity: "high", type: "security", locations: [{ path: "api/search.go", line: 42 }] },
        { title: "performance(web): unbounded cache", severity: "high", type: "performance", locations: [{ path: "web/cache.ts", line: 8 }] },
        { title: "quality(api): verbose errors", severity: "low", type: "quality", locations: [{ path: "api/errors.go", line: 3 }] },
      ],
    ],
    [
      "a GFM table with Sev | Finding | File",
      table,
      [
        { title: "security(api): SQL injection in search", severity: "high", type: "security", locations: [{ path: "api/search.go", line: 42 }] },
        { title: "docs(readme): missing docs for config", severity: "low", type: "docs", locations: [{ path: "README.md" }] },
      ],
    ],
    [
      "a GFM table with the columns in another order",
      tableOtherOrder,
      [
        { title: "security(api): SQL injection in search", severity: "critical", type: "security", locations: [{ path: "api/search.go", line: 42 }] },
        { title: "performance(web): slow render of list", severity: "medium", type: "performance", locations: [{ path: "web/app.ts", line: 7 }] },
      ],
    ],
    [
      "a task list, skipping the checked item",
      taskList,
      [
        { title: "security(api): SQL injection", severity: "high", type: "security" },
        { title: "quality(web): missing timeout", severity: "medium", type: "quality", fixKind: "timeouts" },
      ],
    ],
    [
      "counts tables, which are not findings",
      countsTable,
      [{ title: "security(api): SQL injection in search", severity: "high", type: "security", locations: [{ path: "api/search.go", line: 42 }] }],
    ],
    [
      "an explicit type over the keywords",
      explicitType,
      [{ title: "docs(api): missing tests for the security token check", severity: "low", type: "docs" }],
    ],
    ["prose with no finding", "# Audit\n\nEverything looks fine. We use Node.js.\n", []],
  ])("parses %s", (_name, body, expected) => {
    const findings = parseAudit(body, keywords);
    expect(findings).toHaveLength(expected.length);
    expected.forEach((want, index) => expect(findings[index]).toMatchObject(want));
    for (const finding of findings) expect(finding.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("uses a custom keyword map from config to choose the type", () => {
    const body = "### Update the runbook for deploys\n\n**Severity:** Low\n**Location:** ops/deploy.sh:4\n\nThe runbook misses the rollback step.\n";
    const custom = configSchema.parse({ audit: { keywords: { type: { docs: ["runbook"] } } } }).audit.keywords;
    expect(parseAudit(body, keywords).map((f) => f.title)).toEqual(["quality(ops): update the runbook for deploys"]);
    expect(parseAudit(body, custom).map((f) => f.title)).toEqual(["docs(ops): update the runbook for deploys"]);
    expect(parseAudit(body, custom)[0]?.fingerprint).toBe(parseAudit(body, keywords)[0]?.fingerprint);
  });

  it("reads a finding once when a table lists it and a section details it, keeping the section's fix", () => {
    const body = [
      "# Review",
      "",
      "## Issues we found",
      "",
      "| Severity | Finding | File |",
      "|---|---|---|",
      "| High | Webhook signature is never checked | `api/hooks.go` |",
      "| Low | Webhook signature never checked for retries | `api/retry.go` |",
      "",
      "## Details",
      "",
      "### Webhook signature is never checked",
      "",
      "`api/hooks.go:40` accepts any payload.",
      "",
      "**Fix:** verify the HMAC header.",
      "",
    ].join("\n");
    const findings = parseAudit(body, keywords);
    expect(findings.map((finding) => [finding.summary, finding.severity, finding.fix !== undefined])).toEqual([
      ["Webhook signature never checked for retries", "low", false],
      ["Webhook signature is never checked", "high", true],
    ]);
  });

  it("tells identical findings apart by their order", () => {
    const body = "## High\n\n- **SQL injection** in `api/search.go:42`\n- **SQL injection** in `api/search.go:42`\n- **SQL injection** in `api/search.go:42`\n";
    const [first, second, third] = parseAudit(body, keywords).map((f) => f.fingerprint);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(second).toBe(`${first}-2`);
    expect(third).toBe(`${first}-3`);
  });

  it("gives the same fingerprint when only the line number moves", () => {
    const at = (line: number) => parseAudit(`## High\n\n- **SQL injection** in \`api/search.go:${line}\`\n`, keywords)[0]?.fingerprint;
    expect(at(42)).toBeDefined();
    expect(at(57)).toBe(at(42));
  });

  it.each([
    ["a heading per finding", headingWithFields],
    ["sub-headings", subHeadings],
    ["a table", tableOtherOrder],
    ["a task list", taskList],
  ])("parses CRLF like LF: %s", (_name, body) => {
    const lf = parseAudit(body, keywords);
    expect(lf.length).toBeGreaterThan(0);
    expect(parseAudit(body.replace(/\n/g, "\r\n"), keywords)).toEqual(lf);
  });

  it("keeps a finding whose heading starts with a skip word", () => {
    const body = "## Findings\n\n### Metrics endpoint exposed without auth\n\n**Severity:** High\n**Location:** cmd/server/metrics.go:12\n";
    const [finding, ...rest] = parseAudit(body, keywords);
    expect(rest).toEqual([]);
    expect(finding?.title).toBe("security(server): metrics endpoint exposed without auth");
    expect(finding?.locations).toEqual([{ path: "cmd/server/metrics.go", line: 12 }]);
  });

  it("neutralises pings and closing references in what it copies", () => {
    const body = "### Token leak reported by @alice\n\n**Severity:** High\n**Location:** api/token.go:4\n\nThis fixes #3, ask @acme/security.\n";
    const [finding] = parseAudit(body, keywords);
    expect(finding?.summary).toBe("Token leak reported by @\u200balice");
    expect(finding?.details).toContain("fixes #\u200b3, ask @\u200bacme/security.");
    expect(finding?.details).not.toMatch(/@a/);
  });
});
