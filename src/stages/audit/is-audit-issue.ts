/**
 * Whether an issue is an audit (SPEC §1.1): its title starts with `[Audit]`
 * or `audit:` (any case), or it carries the configured audit label. Pull
 * requests never are.
 */
export function isAuditIssue(params: {
  title: string;
  labels: readonly (string | { name?: string })[];
  auditLabel: string;
  isPullRequest?: boolean;
}): boolean {
  if (params.isPullRequest) return false;
  if (/^\s*(\[audit\]|audit:)/i.test(params.title)) return true;
  const wanted = params.auditLabel.toLowerCase();
  return params.labels.some((label) => (typeof label === "string" ? label : (label.name ?? "")).toLowerCase() === wanted);
}
