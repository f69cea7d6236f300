import { classifiedByLabels, type LabelLike } from "../label-values.js";
import { namesParentAudit } from "../../model/parent-audit.js";

/**
 * Whether an issue is an audit (SPEC §1.1): its title starts with `[Audit]`
 * or `audit:` (any case), or it carries the configured audit label
 * (`audit.label`, default `factory:audit`). Pull requests never are, and
 * neither is an issue that reads as an implementation issue
 * ({@link looksLikeImplementationIssue}), whatever its title and labels:
 * hand-run runbooks label the issues an audit produced `audit`, and
 * `/factory audit all` must not parse them as audits.
 */
export function isAuditIssue(params: {
  title: string;
  labels: readonly LabelLike[];
  auditLabel: string;
  isPullRequest?: boolean;
  /** The body, when the caller has it: Factory's markers and `Parent audit: #N` lines are read from it. */
  body?: string | null;
}): boolean {
  if (params.isPullRequest) return false;
  if (looksLikeImplementationIssue(params)) return false;
  if (/^\s*(\[audit\]|audit:)/i.test(params.title)) return true;
  const wanted = params.auditLabel.toLowerCase();
  return params.labels.some((label) => (typeof label === "string" ? label : (label.name ?? "")).toLowerCase() === wanted);
}

/**
 * Whether an issue reads as an implementation issue rather than an audit:
 * classification labels in either spelling (`type:security`, `severity:high`,
 * or plain `security` + `high`: see `label-values.ts`), or, in its body,
 * Factory's finding or framework marker or a `Parent audit: #N` line.
 */
export function looksLikeImplementationIssue(params: { labels: readonly LabelLike[]; body?: string | null }): boolean {
  return classifiedByLabels(params.labels) || namesParentAudit(params.body);
}
