import type { Config } from "../../config/schema.js";
import type { Octokit } from "../../github/octokit.js";
import type { LedgerEntry, LedgerRelease } from "../../model/ledger-entry.js";

/** Issues looked up per GraphQL query: aliases of one query, about 1 point each. */
const PER_QUERY = 100;

/** Children in flight now, per agent and per paying member (lowercased login), for those with a `concurrency`. */
export interface InFlight {
  agents: Map<string, number>;
  members: Map<string, number>;
}

/**
 * How many children each agent is working on now, across the organisation,
 * for the agents that have a `concurrency` — and how many each member with
 * one is paying for: the ledger's attempts not released whose issue is still
 * open and still labelled dispatched. Their states come from GitHub in one
 * GraphQL query per 100 issues (aliases over every repository named), so a
 * child finished or handed back elsewhere frees its place at once. Only the
 * months of the ledger read are counted, and nothing is read when no agent
 * and no member has a concurrency.
 */
export async function readInFlight(params: {
  octokit: Octokit;
  ledger: { entries: readonly LedgerEntry[]; releases: readonly LedgerRelease[] };
  config: Pick<Config, "agents" | "labels" | "budget">;
}): Promise<InFlight> {
  const limited = params.config.agents.filter((agent) => agent.concurrency !== undefined).map((agent) => agent.name);
  const counted = new Map<string, number>(limited.map((agent) => [agent, 0]));
  const payers = params.config.budget.members.filter((member) => member.concurrency !== undefined).map((member) => member.login.toLowerCase());
  const paying = new Map<string, number>(payers.map((login) => [login, 0]));
  const result = { agents: counted, members: paying };
  if (limited.length === 0 && payers.length === 0) return result;
  const released = new Set(params.ledger.releases.map((release) => release.key));
  // The latest unreleased attempt of each issue, for the agents that have a limit.
  const latest = new Map<string, LedgerEntry>();
  for (const entry of params.ledger.entries) {
    if (entry.kind !== "dispatch" || !(counted.has(entry.agent) || paying.has(entry.member.toLowerCase()))) continue;
    const at = `${entry.repo.toLowerCase()}#${entry.issue}`;
    if (released.has(entry.key)) latest.delete(at);
    else latest.set(at, entry);
  }
  const attempts = [...latest.values()];
  const label = params.config.labels.dispatched.toLowerCase();
  for (let start = 0; start < attempts.length; start += PER_QUERY) {
    const chunk = attempts.slice(start, start + PER_QUERY);
    for (const [index, open] of (await openAndDispatched(params.octokit, chunk, label)).entries()) {
      if (!open) continue;
      const { agent, member } = chunk[index] as LedgerEntry;
      if (counted.has(agent)) counted.set(agent, (counted.get(agent) ?? 0) + 1);
      const payer = member.toLowerCase();
      if (paying.has(payer)) paying.set(payer, (paying.get(payer) ?? 0) + 1);
    }
  }
  return result;
}

/** Whether each attempt's issue is open and labelled dispatched, in one query. */
async function openAndDispatched(octokit: Octokit, attempts: readonly LedgerEntry[], label: string): Promise<boolean[]> {
  const repos = [...new Set(attempts.map((entry) => entry.repo))];
  const fields = repos
    .map((repo, r) => {
      const [owner = "", name = ""] = repo.split("/");
      const issues = attempts
        .map((entry, i) => (entry.repo === repo ? `i${i}: issue(number: ${entry.issue}) { state labels(first: 30) { nodes { name } } }` : ""))
        .filter(Boolean)
        .join(" ");
      return `r${r}: repository(owner: ${JSON.stringify(owner)}, name: ${JSON.stringify(name)}) { ${issues} }`;
    })
    .join(" ");
  type IssueState = { state: string; labels: { nodes: Array<{ name: string }> } } | null;
  const data = await octokit.graphql<Record<string, Record<string, IssueState> | null>>(`query FactoryInFlight { ${fields} }`);
  return attempts.map((entry, i) => {
    const issue = data[`r${repos.indexOf(entry.repo)}`]?.[`i${i}`];
    return issue?.state === "OPEN" && issue.labels.nodes.some((node) => node.name.toLowerCase() === label);
  });
}
