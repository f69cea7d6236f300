import type { RestContext } from "../rest-context.js";
import type { Repo } from "../../store-types.js";
import { SandboxError } from "../../sandbox-error.js";

/**
 * The repository, for endpoints only admins may use: people need the admin
 * role, installations the `administration` permission (read for reads).
 */
export function adminRepo(ctx: RestContext, access: "read" | "write"): Repo {
  const repo = ctx.repo();
  const identity = ctx.identity;
  if (identity.kind === "installation") {
    const granted = identity.installation.permissions.administration;
    if (granted !== "write" && (access === "write" || granted !== "read")) {
      throw new SandboxError({ status: 403, message: "Resource not accessible by integration" });
    }
    return repo;
  }
  if (identity.kind === "user" && ctx.store.permission(repo, identity.account.login) !== "admin") {
    throw new SandboxError({ status: 403, message: "Must have admin rights to Repository." });
  }
  return repo;
}
