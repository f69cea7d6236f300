import type { Nodes } from "mdast";

/** How urgent a finding is; `info` in an audit counts as `low` (SPEC §1.1). */
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
/** One of {@link SEVERITIES}, most urgent first. */
export type Severity = (typeof SEVERITIES)[number];

/** What kind of work a finding asks for. */
export const FINDING_TYPES = ["security", "quality", "performance", "testing", "docs"] as const;
/** One of {@link FINDING_TYPES}. */
export type FindingType = (typeof FINDING_TYPES)[number];

/** How far a fix reaches: one file, one package, or shared code across packages. */
export const SCOPES = ["single-file", "package", "framework"] as const;
/** One of {@link SCOPES}. */
export type Scope = (typeof SCOPES)[number];

/** How big a fix is likely to be. */
export const COMPLEXITIES = ["small", "medium", "large"] as const;
/** One of {@link COMPLEXITIES}. */
export type Complexity = (typeof COMPLEXITIES)[number];

/** A place in the repository a finding points at. */
export interface Location {
  path: string;
  /** First line, when the audit gives one. */
  line?: number;
}

/** Values the audit states outright; they win over any guess. */
export interface ExplicitValues {
  severity?: Severity;
  type?: FindingType;
  scope?: Scope;
  complexity?: Complexity;
}

/**
 * A finding as the audit wrote it, before classification: its short
 * description, the Markdown nodes that describe it, and whatever the audit
 * states explicitly about it.
 */
export interface RawFinding {
  /** The short description as written (plain text, not yet neutralised). */
  summary: string;
  /** The nodes describing the finding (its section, list item or table row). */
  detail: Nodes[];
  /** Values stated on the finding itself (a field, a marker in its title, a table cell). */
  explicit: ExplicitValues;
  /** Values stated by the headings it is grouped under (a "High" or "A03:2021 – Injection" section). */
  inherited: ExplicitValues;
  /** The recommended fix, when the audit gives one. */
  fix?: Nodes[];
  /** Acceptance criteria the audit gives, as plain-text items. */
  acceptance?: string[];
  /** Locations stated in a dedicated field or column (found before those in prose). */
  statedLocations?: Location[];
  /** What the whole report is about (its title: "Security review"), for a finding nothing else classifies. */
  fallback?: ExplicitValues;
  /** A status or a part of it says the finding is done, accepted or by design. */
  resolved?: boolean;
  /** What the finding was read from: a table row, a list item, a heading's section or a bold lead paragraph. */
  origin?: "table" | "item" | "section" | "lead";
}

/** A classified finding: what becomes one implementation issue. */
export interface Finding {
  /** The issue title: `type(component): description`. */
  title: string;
  /** The short description, neutralised and trimmed. */
  summary: string;
  severity: Severity;
  type: FindingType;
  scope: Scope;
  complexity: Complexity;
  /** The package or directory the title names (`api` in `security(api): …`). */
  component: string;
  locations: Location[];
  /** Stable id of the finding across re-runs and harmless edits: the idempotency key of its issue. */
  fingerprint: string;
  /** The kind of fix it needs (`rate-limiting`, …), for pattern detection; undefined when unknown. */
  fixKind?: string;
  /** The finding's details as neutralised Markdown. */
  details: string;
  /** The recommended fix as neutralised Markdown, when the audit gives one. */
  fix?: string;
  /** Acceptance criteria, neutralised; generated ones when the audit gives none. */
  acceptance: string[];
}
