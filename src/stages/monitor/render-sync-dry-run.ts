import type { MonitorPreview } from "./describe-monitor-plan.js";

/**
 * The reply to `/factory sync --dry-run` (and the text of `factory sync
 * --dry-run`), as Markdown: for each open epic, what one monitor pass would
 * do — its actions in words, the check runs it would report on, the ledger
 * and journal lines it would append, whether it would dispatch the next
 * phase — then why each open pull request waits. Nothing was written.
 */
export function renderSyncDryRun(previews: readonly MonitorPreview[]): string {
  const lines = ["**Dry run:** nothing was changed.", ""];
  if (previews.length === 0) {
    lines.push("No open epic in this repository: nothing to reconcile.");
    return lines.join("\n");
  }
  lines.push(`Sync would reconcile ${previews.length} epic${previews.length === 1 ? "" : "s"}:`);
  let any = false;
  for (const preview of previews) {
    const steps = stepsOf(preview);
    any ||= steps.length > 0;
    if (steps.length === 0) lines.push(`- #${preview.epic}: nothing is missing`);
    else lines.push(`- #${preview.epic}:`, ...steps.map((step) => `  - ${step}`));
  }
  const waiting = previews.flatMap((preview) => preview.waiting.map((w) => `- #${w.pull} (for #${w.child}): ${w.reason}`));
  if (waiting.length > 0) lines.push("", "Waiting:", ...waiting);
  if (any) {
    lines.push(
      "",
      "This is one pass over each epic, planned from GitHub as it is now. A sync reads the epic again after applying a pass, " +
        "so what these steps lead to (such as auto-merge on a pull request it opens) comes after them.",
    );
  }
  return lines.join("\n");
}

/** Everything the pass would do, in the order the flow does it. */
function stepsOf(preview: MonitorPreview): string[] {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return [
    ...preview.actions,
    ...preview.reports,
    ...(preview.releases > 0 ? [`release ${plural(preview.releases, "dispatch attempt")} in the ledger, so a retry may go to another agent`] : []),
    ...(preview.journal > 0 ? [`write ${plural(preview.journal, "record")} of finished children to the journal`] : []),
    ...(preview.dispatchNext ? ["dispatch the next phase as `/factory dispatch next` would (`dispatch.auto` is on), within the budget"] : []),
  ];
}
