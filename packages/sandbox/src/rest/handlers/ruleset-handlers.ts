import type { RestHandler } from "../rest-context.js";
import type { RulesetInput } from "../../mutations/ruleset-mutations.js";
import type { Ruleset, RulesetRule } from "../../store-types.js";
import { renderBranchRules, renderRuleset } from "../../render/render-ruleset.js";
import { rulesetsFor } from "../../mutations/branch-rules.js";
import { adminRepo } from "./admin-repo.js";

/** The REST body of a ruleset as the store keeps it. */
function inputFromBody(body: Record<string, unknown>): Partial<RulesetInput> {
  const conditions = body.conditions as { ref_name?: { include?: string[]; exclude?: string[] } } | undefined;
  return {
    ...(typeof body.name === "string" ? { name: body.name } : {}),
    ...(body.target !== undefined ? { target: body.target as "branch" } : {}),
    ...(body.enforcement !== undefined ? { enforcement: body.enforcement as Ruleset["enforcement"] } : {}),
    ...(conditions?.ref_name?.include !== undefined ? { include: conditions.ref_name.include } : {}),
    ...(conditions?.ref_name?.exclude !== undefined ? { exclude: conditions.ref_name.exclude } : {}),
    ...(body.rules !== undefined ? { rules: body.rules as RulesetRule[] } : {}),
    ...(body.bypass_actors !== undefined ? { bypassActors: body.bypass_actors as unknown[] } : {}),
  };
}

/**
 * Repository rulesets (https://docs.github.com/en/rest/repos/rules): managing
 * them needs the administration permission; reading the rules that apply to
 * a branch needs only read access (metadata for apps).
 */
export const rulesetHandlers: Record<string, RestHandler> = {
  "repos/get-repo-rulesets": (ctx) => {
    const repo = ctx.repo();
    return ctx.paginate([...repo.rulesets.values()].map((ruleset) => renderRuleset(repo, ruleset)));
  },
  "repos/create-repo-ruleset": (ctx) => {
    const repo = adminRepo(ctx, "write");
    const input = inputFromBody(ctx.body) as RulesetInput;
    const ruleset = ctx.store.ops.rulesets.create({ repo, input });
    return { status: 201, body: renderRuleset(repo, ruleset) };
  },
  "repos/get-repo-ruleset": (ctx) => {
    const repo = ctx.repo();
    return { status: 200, body: renderRuleset(repo, ctx.store.ops.rulesets.require(repo, ctx.int("ruleset_id"))) };
  },
  "repos/update-repo-ruleset": (ctx) => {
    const repo = adminRepo(ctx, "write");
    const ruleset = ctx.store.ops.rulesets.update({ repo, id: ctx.int("ruleset_id"), input: inputFromBody(ctx.body) });
    return { status: 200, body: renderRuleset(repo, ruleset) };
  },
  "repos/delete-repo-ruleset": (ctx) => {
    const repo = adminRepo(ctx, "write");
    ctx.store.ops.rulesets.delete({ repo, id: ctx.int("ruleset_id") });
    return { status: 204 };
  },
  /** Active rules only; the branch need not exist. */
  "repos/get-branch-rules": (ctx) => {
    const repo = ctx.repo();
    return ctx.paginate(renderBranchRules(repo, rulesetsFor(repo, ctx.str("branch"))));
  },
};
