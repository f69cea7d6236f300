import type { Action, AppliedAction } from "../../model/action.js";
import type { IssueView } from "../../github/list-issues.js";

/** A dashboard as read and rendered: the issue Factory opened for it (if any), and its new body. */
export interface DashboardDraft {
  existing: Pick<IssueView, "number" | "body"> | undefined;
  body: string;
}

/**
 * The one write of a dashboard, pure: open the issue on first use, else
 * rewrite its body — which the executor skips when only the "Updated …"
 * time changed, comparing with the body as just read.
 */
export function planDashboardIssue(draft: DashboardDraft, params: { kind: "dashboard" | "org-dashboard"; title: string }): Action[] {
  if (!draft.existing) return [{ kind: "createIssue", key: params.kind, title: params.title, body: draft.body, labels: [], marker: { kind: params.kind, fields: {} } }];
  return [{ kind: "editIssueBody", key: `${params.kind}-body`, issue: draft.existing.number, body: draft.body, read: draft.existing.body, ignoreTime: true }];
}

/** Which issue holds the dashboard, and whether this run wrote it. */
export function dashboardWritten(draft: DashboardDraft, applied: readonly AppliedAction[]): { issue: number; written: boolean } {
  const [write] = applied;
  if (!draft.existing) return { issue: write?.number as number, written: true };
  return { issue: draft.existing.number, written: write?.outcome === "done" };
}
