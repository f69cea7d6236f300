import type { Config } from "../../config/schema.js";
import type { IssueView } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { LedgerEntry, LedgerRelease } from "../../model/ledger-entry.js";
import { childrenOf } from "../../model/epic-document.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";
import { epicBranch } from "../epic/epic-branch.js";
import type { BudgetPlanEpic } from "./budget-report.js";
import { planDispatch, type DispatchChild } from "./plan-dispatch.js";
import { toChild } from "./read-dispatch.js";
import { readInFlight } from "./read-in-flight.js";

/** A child `dispatch next` would leave waiting for an agent's capacity, with the reason the plan gives. */
export interface CapacityWait {
  epic: number;
  child: number;
  /** The child's title, as its author wrote it. */
  title: string;
  /** planDispatch's reason, `waiting for capacity: …`. */
  reason: string;
  /**
   * Whether an agent it waits for is full only with children this plan would
   * send (here or on an epic before): nothing waits yet, `dispatch next` would
   * fill the capacity first, and the counts in `reason` include those children.
   */
  planned: boolean;
}

/** What `dispatch next` would do on each open epic, and the children it would leave waiting for capacity. */
export interface OpenEpicsPlan {
  /** Per open epic, in the order given: what `/factory budget --plan` reports. */
  epics: BudgetPlanEpic[];
  /** Every child left waiting for an agent's capacity, epic by epic, in each plan's order. */
  waiting: CapacityWait[];
}

/**
 * Plans `dispatch next` on every open epic of a repository in turn, each
 * within what the previous ones would leave (the ledger's spending and the
 * agents' children in flight, across the organisation); nothing is written.
 * Reads each epic's children (their dependencies) and, when an agent has a
 * `concurrency`, the children in flight; whether each epic's branch is there
 * is dispatch's own check, not read here.
 */
export async function planOpenEpics(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "agents" | "budget" | "dispatch" | "epics" | "labels">;
  /** The ledger month `now` falls in: its spending and its releases. */
  month: { entries: readonly LedgerEntry[]; releases: readonly LedgerRelease[] };
  /** The repository's open issues, already read. */
  open: readonly IssueView[];
  /** Factory's epics among `open`, in the order they are planned. */
  epics: readonly IssueView[];
  now: Date;
}): Promise<OpenEpicsPlan> {
  const { octokit, repo, config } = params;
  const byNumber = new Map(params.open.map((issue) => [issue.number, issue]));
  const openIssues = new Set(params.open.map((issue) => issue.number));
  const released = new Set(params.month.releases.map((release) => release.key));
  const plan: OpenEpicsPlan = { epics: [], waiting: [] };
  // Agents this plan sends children to: a wait for one of them is the plan's doing, not yet a child's.
  const sending = new Set<string>();
  let ledger: LedgerEntry[] = [...params.month.entries];
  // Children in flight per agent with a concurrency, across the organisation: what the plans below add counts too.
  const inFlight = await readInFlight({ octokit, ledger: params.month, config });
  for (const epic of params.epics) {
    const document = parseEpicBody(epic.body);
    const children = new Map<number, DispatchChild>();
    for (const child of childrenOf(document)) {
      const issue = byNumber.get(child.number);
      if (issue) children.set(child.number, await toChild({ octokit, repo, issue }));
    }
    const result = planDispatch({
      snapshot: {
        repo: `${repo.owner}/${repo.repo}`,
        epic: { number: epic.number, branch: epicBranch({ prefix: config.epics.branchPrefix, number: epic.number, slug: document.slug }), document, paused: epic.labels.some((l) => l.toLowerCase() === config.labels.paused.toLowerCase()), branchExists: true },
        defaultBranch: "",
        repoPaused: false,
        children,
        openIssues,
        ledger,
        released,
        inFlight: inFlight.agents,
        membersInFlight: inFlight.members,
      },
      target: { kind: "next" },
      config,
      now: params.now,
      delivery: "plan",
    });
    const fresh = result.dispatches.filter((d) => !d.repair);
    const waits = capacityWaits(result.skipped);
    plan.epics.push({
      epic: epic.number,
      title: epic.title,
      ...(result.refusal ? { refusal: result.refusal } : {}),
      dispatches: fresh.map((d) => ({ child: d.child, agent: d.agent.name, member: d.member })),
      skipped: result.skipped.map((s) => s.child),
      // Only when there are any: the report's JSON stays as it was otherwise.
      ...(waits.length > 0 ? { waitingForCapacity: waits.map((s) => s.child) } : {}),
    });
    for (const d of fresh) sending.add(`agent:${d.agent.name}`).add(`member:${d.member.toLowerCase()}`);
    plan.waiting.push(
      ...waits.map((s) => ({
        epic: epic.number,
        child: s.child,
        title: children.get(s.child)?.title ?? byNumber.get(s.child)?.title ?? "",
        reason: s.reason,
        planned: s.waitingOn.some((name) => sending.has(name)),
      })),
    );
    ledger = [...ledger, ...fresh.map((d) => d.entry)];
    for (const d of fresh) {
      inFlight.agents.set(d.agent.name, (inFlight.agents.get(d.agent.name) ?? 0) + 1);
      inFlight.members.set(d.member.toLowerCase(), (inFlight.members.get(d.member.toLowerCase()) ?? 0) + 1);
    }
  }
  return plan;
}

/** The children a plan passed over because every agent that takes them is at its capacity. */
function capacityWaits<T extends { child: number; reason: string; waitingOn?: string[] }>(skipped: readonly T[]): Array<T & { waitingOn: string[] }> {
  return skipped.filter((s): s is T & { waitingOn: string[] } => s.waitingOn !== undefined);
}
