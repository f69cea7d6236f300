import { z } from "zod";
import { keywordListSchema } from "./keyword-list-schema.js";
import { labelNameSchema } from "./label-name-schema.js";

/**
 * Words that point a finding at a type. An explicit type written in the audit
 * always wins over these guesses (SPEC §1.1).
 */
const typeKeywordsSchema = z
  .strictObject({
    /** Findings about attack surface: OWASP classes, auth, secrets. */
    security: keywordListSchema([
      "security",
      "vulnerability",
      "owasp",
      "injection",
      "sql injection",
      "xss",
      "csrf",
      "ssrf",
      "auth",
      "authentication",
      "authorization",
      "secret",
      "credential",
      "password",
      "cve",
      "sql",
      "access control",
      "ownership check",
      "permission",
      "token",
      "cors",
      "tls",
      "encryption",
      "privilege",
      "rate limit",
      "rate limiting",
      "brute force",
      "denial of service",
      "open redirect",
      "idor",
      "mass assignment",
      "prototype pollution",
      "redos",
      "api key",
      "unencrypted",
      "plaintext",
      "escaped",
      "unescaped",
      "sanitise",
      "sanitize",
      "sanitising",
      "sanitizing",
      "csp",
      "cross-origin",
      "unsigned",
      "signing key",
      "signature",
      "oracle",
      "enumeration",
      "stack trace",
      "as root",
      "world-readable",
      "readable by",
      "spoofed",
      "bypass",
      "use after free",
      "buffer overflow",
      "input validation",
      "not validated",
      "no validation",
      "without validation",
      "shell injection",
      "arbitrary",
      "attacker",
      "sensitive data",
      "directory listing",
    ]).describe("Keywords that classify a finding as security."),
    /** Findings about how the code is written. */
    quality: keywordListSchema([
      "error handling",
      "complexity",
      "duplication",
      "duplicated",
      "dead code",
      "refactor",
      "maintainability",
      "code smell",
      "lint",
    ]).describe("Keywords that classify a finding as quality."),
    /** Findings about speed and resource use. */
    performance: keywordListSchema([
      "performance",
      "slow",
      "n+1",
      "memory",
      "latency",
      "allocation",
      "cache",
      "throughput",
      "every render",
      "re-render",
      "re-sorts",
      "rebuild",
      "recomputed",
      "from scratch",
      "fetches all",
      "keystroke",
      "debounce",
      "full-size",
      "original size",
      "bundle size",
      "pagination",
      "parallel",
      "connection reuse",
      "file descriptors",
      "never revoked",
      "never terminated",
      "page load",
    ]).describe("Keywords that classify a finding as performance."),
    /** Findings about missing or weak tests. */
    testing: keywordListSchema(["test", "tests", "testing", "coverage", "flaky", "untested"]).describe(
      "Keywords that classify a finding as testing.",
    ),
    /** Findings about documentation. */
    docs: keywordListSchema(["docs", "documentation", "readme", "comment", "docstring", "jsdoc", "changelog"]).describe(
      "Keywords that classify a finding as docs.",
    ),
  })
  .prefault({})
  .describe("Keyword lists that classify a finding's type when the audit does not say.");

/**
 * Words and markers that point a finding at a severity. `info` findings are
 * counted as low (SPEC §1.1); emoji markers are common in generated audits.
 */
const severityKeywordsSchema = z
  .strictObject({
    /** Exploitable now or losing data. */
    critical: keywordListSchema(["critical", "blocker", "remote code execution", "rce", "data loss", "🔴"]).describe(
      "Keywords that mark a finding as critical.",
    ),
    /** Serious, should be fixed in the next batch. */
    high: keywordListSchema(["high", "major", "important", "🟠"]).describe("Keywords that mark a finding as high."),
    /** Worth fixing, not urgent. */
    medium: keywordListSchema(["medium", "moderate", "🟡"]).describe("Keywords that mark a finding as medium."),
    /** Minor and informational findings. */
    low: keywordListSchema(["low", "minor", "info", "informational", "nit", "trivial", "🟢", "🔵"]).describe(
      "Keywords that mark a finding as low.",
    ),
  })
  .prefault({})
  .describe("Keyword lists that classify a finding's severity when the audit does not say.");

/**
 * The audit stage: which issues are audits and how findings are classified.
 * An issue whose title starts with `[Audit]` or `audit:` is an audit (fixed
 * by SPEC §1.1); the label adds issues that are named differently. An issue
 * that reads as an implementation issue (Factory's finding or framework
 * marker, a `Parent audit: #N` line, classification labels) never is, so
 * the issues an audit produced are never taken for audits themselves.
 */
export const auditSchema = z
  .strictObject({
    /**
     * Label that marks an issue as an audit; adding it starts the audit. A
     * label of Factory's own by default: hand-run runbooks put a plain
     * `audit` label on the implementation issues an audit produced.
     */
    label: labelNameSchema
      .default("factory:audit")
      .describe("Label that marks an issue as an audit; adding it starts the audit. Issues that read as implementation issues never count."),
    /** Process audits as soon as they are opened, without a command. */
    auto: z.boolean().default(false).describe("Process an audit as soon as it is opened (issues.opened)."),
    /**
     * Whether Factory posts its reading of an audit for a maintainer to
     * confirm before it creates any issue: `auto` (default) confirms audits
     * not written in Factory's structured audit format, which it parses
     * exactly; `always` and `never` force it.
     */
    confirm: z
      .enum(["auto", "always", "never"])
      .default("auto")
      .describe("Post Factory's reading of an audit for a maintainer to confirm before creating issues: auto (audits not in the structured format), always or never."),
    /** Keyword maps for classifying findings. */
    keywords: z
      .strictObject({
        /** Keywords per finding type. */
        type: typeKeywordsSchema,
        /** Keywords per severity. */
        severity: severityKeywordsSchema,
      })
      .prefault({})
      .describe("Keyword maps used to classify findings; an explicit value in the audit wins."),
  })
  .prefault({})
  .describe("Turning audit issues into implementation issues.");
