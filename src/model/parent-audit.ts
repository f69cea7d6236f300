import { findMarker } from "./markers.js";

/** `Parent audit: #183` at the start of a line: how Factory and hand-run runbooks link an implementation issue to its audit. */
const PARENT_AUDIT = /^[ \t]*(?:\*\*)?parent audit:?(?:\*\*)?:?[ \t]*#(\d+)\b/im;

/**
 * The audit an implementation issue came from: the `audit` field of its
 * finding or framework marker, else its `Parent audit: #N` line. Read as data
 * only; undefined when neither names a positive number.
 */
export function parentAuditOf(body: string | null | undefined): number | undefined {
  if (!body) return undefined;
  const marker = findMarker(body, "finding") ?? findMarker(body, "framework");
  const fromMarker = Number(marker?.fields.audit?.replace(/^#/, ""));
  if (Number.isInteger(fromMarker) && fromMarker > 0) return fromMarker;
  const line = PARENT_AUDIT.exec(body);
  const fromLine = Number(line?.[1]);
  return Number.isInteger(fromLine) && fromLine > 0 ? fromLine : undefined;
}

/** Whether a body carries one of Factory's finding or framework markers, or a `Parent audit: #N` line. */
export function namesParentAudit(body: string | null | undefined): boolean {
  if (!body) return false;
  return findMarker(body, "finding") !== undefined || findMarker(body, "framework") !== undefined || PARENT_AUDIT.test(body);
}
