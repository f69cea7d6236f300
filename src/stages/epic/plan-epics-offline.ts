import { findMarker } from "../../model/markers.js";
import type { Config } from "../../config/schema.js";
import { isAuditIssue } from "../audit/is-audit-issue.js";
import type { Candidate } from "./candidate.js";
import { childrenOf } from "../../model/epic-document.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";
import { planEpics, type EpicPlan, type ExistingEpic } from "./plan-epics.js";
import { readCandidate } from "./read-candidate.js";
import { isEpicIssue } from "./is-epic-issue.js";

/** An issue as `factory epic plan --issues` reads it. */
export interface OfflineIssue {
  number: number;
  title: string;
  labels: string[];
  body: string;
  state: "open" | "closed";
}

/**
 * The same selection the epic flow makes, on a list of issues instead of a
 * repository: open epics (label or marker) and the open implementation issues
 * in none of them, then `planEpics`.
 */
export function planEpicsOffline(params: { issues: readonly OfflineIssue[]; config: Pick<Config, "audit" | "epics" | "labels">; now: Date }): EpicPlan {
  const { config } = params;
  const open = params.issues.filter((issue) => issue.state === "open");
  const epicLabel = config.labels.epic;
  const isEpic = (issue: OfflineIssue) => isEpicIssue({ ...issue, epicLabel });
  const epics: ExistingEpic[] = open.filter(isEpic).map((issue) => ({
    number: issue.number,
    title: issue.title,
    document: parseEpicBody(issue.body),
    // Offline, the issues are the maintainer's own export: an epic carrying the marker is taken for Factory's.
    factory: findMarker(issue.body, "epic") !== undefined,
  }));
  const inEpic = new Set(epics.flatMap((epic) => childrenOf(epic.document).map((child) => child.number)));
  const skip = new Set([config.labels.direct, config.labels.dispatched].map((l) => l.toLowerCase()));
  const candidates = open
    .filter((issue) => !isEpic(issue) && !inEpic.has(issue.number) && !issue.labels.some((l) => skip.has(l.toLowerCase())))
    .filter((issue) => !isAuditIssue({ title: issue.title, labels: issue.labels, body: issue.body, auditLabel: config.audit.label }))
    .map((issue) => readCandidate(issue))
    .filter((candidate): candidate is Candidate => candidate !== undefined);
  return planEpics({ candidates, epics, config, now: params.now });
}
