import type { Label, Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";

/** Renders a repository label as GitHub's `label` object. */
export function renderLabel(params: { repo: Repo; label: Label }): Record<string, unknown> {
  const { repo, label } = params;
  return {
    id: label.id,
    node_id: label.nodeId,
    url: `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}
