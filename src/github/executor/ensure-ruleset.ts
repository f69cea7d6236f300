import type { AppliedAction, ResolvedAction } from "../../model/action.js";
import type { Octokit, RepoRef } from "../octokit.js";

type EnsureRuleset = Extract<ResolvedAction, { kind: "ensureRuleset" }>;

/** The rules of the ruleset `action` wants, in the REST API's shape. */
export function rulesFor(action: EnsureRuleset): Array<{ type: string; parameters: Record<string, unknown> }> {
  const rules: Array<{ type: string; parameters: Record<string, unknown> }> = [];
  if (action.requiredChecks.length > 0) {
    rules.push({
      type: "required_status_checks",
      parameters: { strict_required_status_checks_policy: false, required_status_checks: action.requiredChecks.map((context) => ({ context })) },
    });
  }
  if (action.approvals > 0) {
    rules.push({
      type: "pull_request",
      parameters: {
        required_approving_review_count: action.approvals,
        dismiss_stale_reviews_on_push: false,
        require_code_owner_review: false,
        require_last_push_approval: false,
        required_review_thread_resolution: false,
      },
    });
  }
  return rules;
}

/** Compares two rule lists by what Factory sets in them. */
function sameRules(a: unknown, b: unknown): boolean {
  const norm = (rules: unknown) =>
    JSON.stringify(
      ((rules as Array<{ type: string; parameters?: Record<string, unknown> }> | undefined) ?? [])
        .map((rule) => ({ type: rule.type, parameters: rule.parameters ?? {} }))
        .sort((x, y) => x.type.localeCompare(y.type)),
    );
  return norm(a) === norm(b);
}

/**
 * Keeps a repository ruleset (https://docs.github.com/en/rest/repos/rules):
 * creates it when no ruleset has its name, rewrites it when its branches or
 * rules differ, and leaves it alone otherwise. Without the Administration
 * permission GitHub answers 403 (404 on some plans): that is refused, with
 * what to change, not an error.
 */
export async function ensureRuleset(octokit: Octokit, repo: RepoRef, action: EnsureRuleset): Promise<AppliedAction> {
  const body = {
    name: action.name,
    target: "branch" as const,
    enforcement: "active" as const,
    conditions: { ref_name: { include: action.include, exclude: [] } },
    rules: rulesFor(action),
  };
  try {
    const existing = (await octokit.paginate(octokit.rest.repos.getRepoRulesets, { ...repo, per_page: 100 })).find((ruleset) => ruleset.name === action.name);
    if (!existing) {
      await octokit.rest.repos.createRepoRuleset({ ...repo, ...body } as never);
      return { action, outcome: "done" };
    }
    const { data: current } = await octokit.rest.repos.getRepoRuleset({ ...repo, ruleset_id: existing.id });
    const include = (current.conditions as { ref_name?: { include?: string[] } } | null | undefined)?.ref_name?.include ?? [];
    if (current.enforcement === "active" && JSON.stringify(include) === JSON.stringify(action.include) && sameRules(current.rules, body.rules)) {
      return { action, outcome: "exists" };
    }
    await octokit.rest.repos.updateRepoRuleset({ ...repo, ruleset_id: existing.id, ...body } as never);
    return { action, outcome: "done" };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 403 || status === 404) {
      return {
        action,
        outcome: "refused",
        reason: "GitHub refused: `epics.protect` needs the app's Administration permission (read and write) on this repository; grant it in the app's settings or turn `epics.protect` off",
      };
    }
    throw error;
  }
}
