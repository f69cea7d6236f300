import type { Config } from "../../config/schema.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { childrenOf } from "../../model/epic-document.js";
import { branchExists } from "../../github/default-branch-head.js";
import { listIssues, toIssueView, type IssueView } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { DispatchTarget } from "../commands/command.js";
import { epicBranch } from "../epic/epic-branch.js";
import { isRunByFactory } from "../epic/epic-trust.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";
import { readCandidate } from "../epic/read-candidate.js";
import type { DispatchChild, DispatchSnapshot } from "./dispatch-snapshot.js";
import { readLedger, type LedgerSnapshot } from "./ledger.js";
import { readBlockedBy } from "./read-blocked-by.js";
import { readInFlight } from "./read-in-flight.js";
import { readRepoPause } from "./repo-pause.js";

/** What the dispatch flow reads: the snapshot it plans from, and the ledger month its payment swaps. */
export interface DispatchObservation {
  snapshot: DispatchSnapshot;
  ledger: LedgerSnapshot;
  /** The epic dispatched from, when the command's issue is one Factory runs. */
  epic: number | undefined;
}

/**
 * Reads what a dispatch plans from (SPEC §1.3): the command's issue — an
 * epic only when Factory made it or a permitted user adopted it, so a
 * look-alike spends nothing (SPEC §5) — whether its branch exists, its open
 * children with GitHub's issue dependencies, the repository's pause and this
 * month's ledger.
 */
export async function readDispatch(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "epics" | "labels" | "ledger" | "agents" | "budget">;
  identity: FactoryIdentity;
  issue: number;
  target: DispatchTarget;
  defaultBranch: string;
  now: Date;
}): Promise<DispatchObservation> {
  const { octokit, repo, config } = params;
  const { data: commandIssue } = await octokit.rest.issues.get({ ...repo, issue_number: params.issue });
  const view = toIssueView(commandIssue);
  const isEpic = await isRunByFactory({ octokit, repo, identity: params.identity, adoptedLabel: config.labels.adopted, issue: view });
  const document = isEpic ? parseEpicBody(view.body) : undefined;
  const open = await listIssues({ octokit, repo, state: "open" });
  const openByNumber = new Map(open.map((issue) => [issue.number, issue]));
  const wanted = document ? childrenOf(document).map((child) => child.number) : params.target.kind === "issues" ? params.target.issues : [];
  const children = new Map<number, DispatchChild>();
  for (const number of wanted) {
    const issue = openByNumber.get(number);
    if (issue) children.set(number, await toChild({ octokit, repo, issue }));
  }
  const repoPaused = (await readRepoPause({ octokit, config, repo })).paused;
  const ledger = await readLedger({ octokit, config, owner: repo.owner, now: params.now });
  const branch = document ? epicBranch({ prefix: config.epics.branchPrefix, number: view.number, slug: document.slug }) : undefined;
  const epic =
    document && branch
      ? {
          number: view.number,
          branch,
          document,
          paused: view.labels.some((l) => l.toLowerCase() === config.labels.paused.toLowerCase()),
          branchExists: await branchExists({ octokit, repo, branch }),
        }
      : undefined;
  const released = new Set(ledger.releases.map((release) => release.key));
  const inFlight = await readInFlight({ octokit, ledger, config });
  const snapshot: DispatchSnapshot = {
    repo: `${repo.owner}/${repo.repo}`,
    ...(epic ? { epic } : {}),
    defaultBranch: params.defaultBranch,
    repoPaused,
    children,
    openIssues: new Set(open.map((issue) => issue.number)),
    ledger: ledger.entries,
    released,
    abandoned: new Set(ledger.releases.filter((release) => release.unpicked).map((release) => release.key)),
    inFlight: inFlight.agents,
    membersInFlight: inFlight.members,
  };
  return { snapshot, ledger, epic: epic?.number };
}

/** An open issue as dispatch sees it, with GitHub's issue dependencies read in. */
export async function toChild(params: { octokit: Octokit; repo: RepoRef; issue: IssueView }): Promise<DispatchChild> {
  const blockedBy = await readBlockedBy({ octokit: params.octokit, repo: params.repo, issue: params.issue.number });
  const candidate = readCandidate({ ...params.issue, blockedBy });
  return {
    number: params.issue.number,
    title: params.issue.title,
    body: params.issue.body,
    state: params.issue.state,
    labels: params.issue.labels,
    type: candidate?.type ?? "quality",
    severity: candidate?.severity ?? "medium",
    dependsOn: candidate?.dependsOn ?? blockedBy,
  };
}
