import type { Repo, Ruleset } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { iso } from "./iso.js";

/**
 * A repository ruleset as `GET`/`POST /repos/{o}/{r}/rulesets…` answer it
 * (https://docs.github.com/en/rest/repos/rules#get-a-repository-ruleset).
 */
export function renderRuleset(repo: Repo, ruleset: Ruleset): Record<string, unknown> {
  const fullName = `${repo.owner.login}/${repo.name}`;
  return {
    id: ruleset.id,
    name: ruleset.name,
    target: ruleset.target,
    source_type: "Repository",
    source: fullName,
    enforcement: ruleset.enforcement,
    bypass_actors: ruleset.bypassActors,
    current_user_can_bypass: "never",
    node_id: ruleset.nodeId,
    _links: {
      self: { href: `${GITHUB_URLS.api}/repos/${fullName}/rulesets/${ruleset.id}` },
      html: { href: `${GITHUB_URLS.html}/${fullName}/rules/${ruleset.id}` },
    },
    conditions: { ref_name: { include: ruleset.include, exclude: ruleset.exclude } },
    rules: ruleset.rules.map((rule) => ({ type: rule.type, ...(rule.parameters ? { parameters: rule.parameters } : {}) })),
    created_at: iso(ruleset.createdAt),
    updated_at: iso(ruleset.updatedAt),
  };
}

/** The rules of `rulesets` as `GET /repos/{o}/{r}/rules/branches/{branch}` lists them, each with its ruleset. */
export function renderBranchRules(repo: Repo, rulesets: readonly Ruleset[]): Record<string, unknown>[] {
  return rulesets.flatMap((ruleset) =>
    ruleset.rules.map((rule) => ({
      type: rule.type,
      ...(rule.parameters ? { parameters: rule.parameters } : {}),
      ruleset_source_type: "Repository",
      ruleset_source: `${repo.owner.login}/${repo.name}`,
      ruleset_id: ruleset.id,
    })),
  );
}
