import { GITHUB_URLS } from "../../render/github-urls.js";
import type { TypeResolvers } from "../resolver-types.js";
import type { LabelSource } from "../sources.js";

/** `Label`. */
export const labelResolvers: TypeResolvers<LabelSource> = {
  id: (source) => source.label.nodeId,
  name: (source) => source.label.name,
  color: (source) => source.label.color,
  description: (source) => source.label.description,
  isDefault: (source) => source.label.default,
  url: (source) =>
    `${GITHUB_URLS.html}/${source.repo.owner.login}/${source.repo.name}/labels/${encodeURIComponent(source.label.name)}`,
  repository: (source) => ({ __typename: "Repository", repo: source.repo }),
};
