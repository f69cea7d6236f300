import type { RestHandler } from "../rest-context.js";
import type { BranchProtection, RepoMergeSettings } from "../../store-types.js";
import { SandboxError } from "../../sandbox-error.js";
import { renderBranchProtection } from "../../render/render-branch-protection.js";
import { renderRepo } from "../../render/render-repo.js";
import { adminRepo } from "./admin-repo.js";

/** The request body of `PUT …/protection` as the store keeps it; unmodelled fields are kept as sent. */
function protectionFromBody(body: Record<string, unknown>): BranchProtection {
  const {
    required_status_checks: checks,
    required_pull_request_reviews: reviews,
    enforce_admins: enforceAdmins,
    ...extra
  } = body as {
    required_status_checks: { strict: boolean; contexts?: string[]; checks?: { context: string; app_id?: number }[] } | null;
    required_pull_request_reviews: {
      required_approving_review_count?: number;
      dismiss_stale_reviews?: boolean;
      require_code_owner_reviews?: boolean;
      require_last_push_approval?: boolean;
    } | null;
    enforce_admins: boolean | null;
  } & Record<string, unknown>;
  const count = reviews?.required_approving_review_count ?? 1;
  if (count < 0 || count > 6) {
    throw new SandboxError({
      status: 422,
      message: "Invalid request.\n\nrequired_approving_review_count must be between 0 and 6.",
    });
  }
  // `checks` supersedes the deprecated `contexts`; either names the required checks.
  const required = checks?.checks
    ? checks.checks.map((check) => ({ context: check.context, appId: check.app_id ?? null }))
    : (checks?.contexts ?? []).map((context) => ({ context, appId: null }));
  return {
    requiredStatusChecks: checks ? { strict: checks.strict, checks: required } : null,
    requiredPullRequestReviews: reviews
      ? {
          requiredApprovingReviewCount: count,
          dismissStaleReviews: reviews.dismiss_stale_reviews ?? false,
          requireCodeOwnerReviews: reviews.require_code_owner_reviews ?? false,
          requireLastPushApproval: reviews.require_last_push_approval ?? false,
        }
      : null,
    enforceAdmins: enforceAdmins === true,
    extra,
  };
}

/** `PATCH /repos/{o}/{r}` fields the sandbox keeps, by their REST name. */
const SETTINGS: Record<string, keyof RepoMergeSettings> = {
  allow_auto_merge: "allowAutoMerge",
  allow_squash_merge: "allowSquashMerge",
  allow_merge_commit: "allowMergeCommit",
  allow_rebase_merge: "allowRebaseMerge",
  delete_branch_on_merge: "deleteBranchOnMerge",
};

/** Branch protection (https://docs.github.com/en/rest/branches/branch-protection) and repository settings. */
export const protectionHandlers: Record<string, RestHandler> = {
  "repos/get-branch-protection": (ctx) => {
    const repo = adminRepo(ctx, "read");
    const branch = ctx.str("branch");
    const protection = repo.protections.get(branch);
    if (!protection) throw new SandboxError({ status: 404, message: "Branch not protected" });
    return { status: 200, body: renderBranchProtection({ repo, branch, protection }) };
  },
  "repos/update-branch-protection": (ctx) => {
    const repo = adminRepo(ctx, "write");
    const branch = ctx.str("branch");
    const protection = ctx.store.ops.protections.protect({ repo, branch, protection: protectionFromBody(ctx.body) });
    return { status: 200, body: renderBranchProtection({ repo, branch, protection }) };
  },
  "repos/delete-branch-protection": (ctx) => {
    const repo = adminRepo(ctx, "write");
    ctx.store.ops.protections.unprotect({ repo, branch: ctx.str("branch") });
    return { status: 204 };
  },
  /**
   * `PATCH /repos/{o}/{r}` (https://docs.github.com/en/rest/repos/repos#update-a-repository):
   * the merge settings, the description and the default branch; renaming,
   * visibility and the other settings are not modelled and answer 501.
   */
  "repos/update": (ctx) => {
    const repo = adminRepo(ctx, "write");
    const body = ctx.body;
    const unsupported = Object.keys(body).filter(
      (key) => !(key in SETTINGS) && key !== "description" && key !== "default_branch" && !(key === "name" && body.name === repo.name),
    );
    if (unsupported.length > 0) {
      throw new SandboxError({ status: 501, message: `Not implemented in the sandbox: updating ${unsupported.join(", ")}` });
    }
    if (typeof body.default_branch === "string") {
      if (!repo.refs.has(`refs/heads/${body.default_branch}`)) {
        throw new SandboxError({
          status: 422,
          message: "Validation Failed",
          errors: [{ resource: "Repository", code: "invalid", field: "default_branch" }],
        });
      }
      repo.defaultBranch = body.default_branch;
    }
    if (body.description !== undefined) repo.description = (body.description as string | null) ?? null;
    const settings: Partial<RepoMergeSettings> = {};
    for (const [field, key] of Object.entries(SETTINGS)) {
      if (typeof body[field] === "boolean") settings[key] = body[field];
    }
    ctx.store.ops.protections.updateSettings({ repo, settings });
    const permissions = { admin: true, maintain: true, push: true, triage: true, pull: true };
    return { status: 200, body: { ...renderRepo(repo), permissions, network_count: 0, subscribers_count: 0 } };
  },
};
