import type { Config } from "../../config/schema.js";
import { factoryEpicsAmong } from "./epic-trust.js";
import { listIssues, listLabelNames } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { childrenOf } from "../../model/epic-document.js";
import { lookUpChildren } from "./look-up-children.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";
import { MAX_ADOPTED_CHILDREN, type AdoptGate, type AdoptSnapshot, type ChildLookup } from "./plan-adopt.js";
import { readHandMadeEpic } from "./read-hand-made-epic.js";

/**
 * What `/factory adopt` plans from, once the gate let the issue through:
 * its listed children (one GraphQL query), the children of the epics
 * Factory already runs, existing epic branches and the repository's labels.
 */
export async function readAdoptSnapshot(params: {
  octokit: Octokit;
  repo: RepoRef;
  identity: FactoryIdentity;
  config: Pick<Config, "epics" | "labels">;
  gate: AdoptGate;
}): Promise<AdoptSnapshot> {
  const { octokit, repo, identity, config, gate } = params;
  const { issue } = gate;
  const listed = [...new Set(childrenOf(readHandMadeEpic(issue.body)).map((child) => child.number))];
  // A body listing more children than an epic may have is refused by the plan; no need to look them up.
  const children = listed.length > MAX_ADOPTED_CHILDREN ? new Map<number, ChildLookup>() : await lookUpChildren({ octokit, repo, numbers: listed });
  const open = await listIssues({ octokit, repo, state: "open" });
  const others = await factoryEpicsAmong({ octokit, repo, identity, labels: config.labels, issues: open.filter((other) => other.number !== issue.number) });
  const inOtherEpics = new Map<number, number>();
  for (const other of others) for (const child of childrenOf(parseEpicBody(other.body))) if (!inOtherEpics.has(child.number)) inOtherEpics.set(child.number, other.number);
  const prefix = `heads/${config.epics.branchPrefix}${issue.number}-`;
  const refs = await octokit.paginate(octokit.rest.git.listMatchingRefs, { ...repo, ref: prefix, per_page: 100 });
  return {
    ...gate,
    children,
    inOtherEpics,
    epicBranches: refs.map((ref) => ref.ref.replace(/^refs\/heads\//, "")),
    repoLabels: await listLabelNames({ octokit, repo }),
  };
}
