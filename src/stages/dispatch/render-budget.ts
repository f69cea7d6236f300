import { budgetOf } from "./budget.js";
import { budgetReport, type BudgetPlanEpic, type BudgetReportParams } from "./budget-report.js";
import { renderBudgetReport } from "./render-budget-report.js";
import { budgetLine } from "./render-dispatch-answer.js";

/** Inputs of {@link renderBudget}: those of {@link budgetReport}, with `plan` also accepted as text already rendered. */
export interface RenderBudgetParams extends Omit<BudgetReportParams, "plan"> {
  /** What `--plan` would dispatch: per open epic, or text that replaces the per-epic lines. */
  plan?: readonly BudgetPlanEpic[] | string;
}

/**
 * The reply to `/factory budget [--plan|--history|--team|--forecast N]`
 * (SPEC §1.3) straight from the ledger: {@link budgetReport}, rendered by
 * {@link renderBudgetReport}.
 */
export function renderBudget(params: RenderBudgetParams): string {
  const { plan, ...rest } = params;
  if (params.view === "plan" && typeof plan === "string") return [budgetLine(budgetOf(params)), "", plan].join("\n");
  return renderBudgetReport(budgetReport({ ...rest, ...(typeof plan === "object" ? { plan } : {}) }));
}
