import { neutraliseTitle } from "../../model/neutralise.js";
import type { Budget } from "./budget.js";
import type { DispatchPlan } from "./plan-dispatch.js";

/** The parts of a dispatch run the reply reports. */
export interface DispatchAnswerInput {
  plan: DispatchPlan;
  failed: ReadonlyArray<{ child: number; reason: string }>;
  warnings: readonly string[];
  conflicts: number;
  dryRun: boolean;
}

/**
 * The reply to `/factory dispatch …` (SPEC §1.3): what was done, what was
 * skipped and why, and what budget remains.
 */
export function renderDispatchAnswer(input: DispatchAnswerInput): { ok: boolean; text: string } {
  const { plan } = input;
  const lines: string[] = [];
  if (input.dryRun) lines.push("**Dry run:** nothing was changed.", "");
  if (plan.refusal) {
    lines.push(`Nothing was dispatched: ${plan.refusal}.`, "", budgetLine(plan.budget));
    return { ok: false, text: lines.join("\n") };
  }
  const failed = new Set(input.failed.map((f) => f.child));
  const done = plan.dispatches.filter((d) => !failed.has(d.child));
  const verb = input.dryRun ? "Would dispatch" : "Dispatched";
  lines.push(done.length > 0 ? `${verb} ${done.length} issue${done.length === 1 ? "" : "s"}:` : input.dryRun ? "Would dispatch nothing." : "Dispatched nothing.");
  for (const dispatch of done) {
    lines.push(
      `- #${dispatch.child} → **${dispatch.agent.name}** on ${dispatch.member}'s quota, target \`${dispatch.branch}\`${dispatch.repair ? " (finishing a dispatch the ledger had already paid for)" : ""}`,
    );
  }
  if (input.failed.length > 0) {
    lines.push("", "Paid for but not handed over (the next `/factory dispatch` finishes them without paying again):");
    // An error's message can quote what a server or an agent answered: it is not Factory's text.
    for (const failure of input.failed) lines.push(`- #${failure.child}: ${neutraliseTitle(failure.reason)}`);
  }
  if (plan.skipped.length > 0) {
    lines.push("", "Skipped:");
    for (const skip of plan.skipped) lines.push(`- #${skip.child}: ${skip.reason}`);
  }
  if (input.conflicts > 0) lines.push("", `Another dispatch wrote the ledger at the same time; Factory re-read it and re-checked the budget (${input.conflicts}×).`);
  for (const warning of new Set(input.warnings)) lines.push("", `⚠️ ${warning}`);
  lines.push("", budgetLine(plan.budget));
  return { ok: input.failed.length === 0 && (done.length > 0 || plan.skipped.length === 0), text: lines.join("\n") };
}

/** `Budget left today (UTC 2026-11-22): pool 297 of 300 · acme/api 117 of 120 · jules 97 of 100`. */
export function budgetLine(budget: Budget): string {
  const agents = budget.agents.map((agent) => `${agent.name} ${Math.max(0, agent.quota - agent.used)} of ${agent.quota}`).join(" · ");
  return (
    `Budget left today (UTC ${budget.day}): pool ${Math.max(0, budget.pool - budget.used)} of ${budget.pool} · ` +
    `${budget.repo.name} ${Math.max(0, budget.repo.cap - budget.repo.used)} of ${budget.repo.cap}${agents ? ` · ${agents}` : ""}`
  );
}
