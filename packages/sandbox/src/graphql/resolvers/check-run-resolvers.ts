import { GITHUB_URLS } from "../../render/github-urls.js";
import { iso } from "../../render/iso.js";
import type { TypeResolvers } from "../resolver-types.js";
import type { CheckRunSource } from "../sources.js";
import { isRequired } from "./is-required.js";

const url = (source: CheckRunSource): string =>
  `${GITHUB_URLS.html}/${source.repo.owner.login}/${source.repo.name}/runs/${source.run.id}`;

/** `CheckRun`: status and conclusion in GraphQL's upper-case spelling. */
export const checkRunResolvers: TypeResolvers<CheckRunSource> = {
  id: (source) => source.run.nodeId,
  databaseId: (source) => source.run.id,
  name: (source) => source.run.name,
  status: (source) => source.run.status.toUpperCase(),
  conclusion: (source) => source.run.conclusion?.toUpperCase() ?? null,
  startedAt: (source) => iso(source.run.startedAt),
  completedAt: (source) => iso(source.run.completedAt),
  detailsUrl: (source) => source.run.detailsUrl,
  externalId: (source) => source.run.externalId,
  title: (source) => source.run.output.title,
  summary: (source) => source.run.output.summary,
  text: (source) => source.run.output.text,
  url,
  permalink: url,
  resourcePath: (source) => new URL(url(source)).pathname,
  repository: (source) => ({ __typename: "Repository", repo: source.repo }),
  isRequired: (source, args, context) => isRequired({ repo: source.repo, args, context, name: source.run.name, kind: "check", appId: source.run.app?.id ?? null }),
};
