import type { PermissionCheck } from "../../github/authors-with-permission.js";
import type { IssueView } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { isVouchedFor } from "../../github/vouched-for.js";
import type { Config } from "../../config/schema.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { isAuditIssue } from "../audit/is-audit-issue.js";
import { readBlockedBy } from "../dispatch/read-blocked-by.js";
import type { Candidate } from "./candidate.js";
import { childrenOf } from "../../model/epic-document.js";
import type { OpenEpic } from "./read-open-epics.js";
import { readCandidate } from "./read-candidate.js";

/**
 * The open issues `/factory epic` may group: not an epic, not in one, not
 * labelled for direct dispatch or dispatched, not an audit, readable as a
 * candidate, and vouched for. Each one kept costs a read of the issues it is
 * blocked by.
 */
export async function readVouchedCandidates(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "audit" | "labels">;
  identity: FactoryIdentity;
  open: readonly IssueView[];
  epics: readonly OpenEpic[];
  isEpic: (issue: IssueView) => boolean;
  vouched: PermissionCheck;
}): Promise<Candidate[]> {
  const { octokit, repo, config } = params;
  const inEpic = new Set(params.epics.flatMap((epic) => childrenOf(epic.document).map((child) => child.number)));
  const skipLabels = new Set([config.labels.direct, config.labels.dispatched].map((l) => l.toLowerCase()));
  const possible = params.open.filter(
    (issue) =>
      !params.isEpic(issue) &&
      !inEpic.has(issue.number) &&
      !issue.labels.some((l) => skipLabels.has(l.toLowerCase())) &&
      !isAuditIssue({ title: issue.title, labels: issue.labels, body: issue.body, auditLabel: config.audit.label }) &&
      readCandidate(issue) !== undefined,
  );
  const candidates: Candidate[] = [];
  for (const issue of possible) {
    // Never spend for a stranger (SPEC §5): their issue is grouped once a maintainer opened it, or labelled its type.
    if (!(await isVouchedFor({ issue, identity: params.identity, vouched: params.vouched }))) continue;
    const blockedBy = await readBlockedBy({ octokit, repo, issue: issue.number });
    const candidate = readCandidate({ ...issue, blockedBy });
    if (candidate) candidates.push(candidate);
  }
  return candidates;
}
