import { isDeepStrictEqual } from "node:util";
import type { Agent } from "./agent-schema.js";
import { budgetSchema } from "./budget-schema.js";
import { configWarning, type ConfigWarning } from "./config-warning.js";
import { findOwningDocument, type KeyPath } from "./find-owning-document.js";
import { isPlainObject } from "./is-plain-object.js";
import { mergeConfigs } from "./merge-configs.js";
import { configSchema, type Config } from "./schema.js";
import { triggerSchema } from "./trigger-schema.js";

/** One configuration document and the file it came from (`owner/repo/path`). */
export interface ConfigDocument {
  file: string;
  document: Record<string, unknown>;
}

/** Lists an agent of the organisation may be narrowed to a part of, never widened. */
const NARROWABLE_LISTS = [
  { key: "issueTypes", what: "issue types", caseless: false },
  // Which authors' pull requests count as the agent's work, and so release or spend budget.
  { key: "accounts", what: "accounts", caseless: true },
] as const;

/**
 * Secrets and money are the organisation's (SPEC §5): what the repository's
 * files (its own and any file they extend, other than the organisation's)
 * may and may not change of the organisation's settings. `org` is the
 * organisation's `.github/factory.yml` in `<owner>/.github`, merged with what
 * it extends; it must be valid (the loader reports it otherwise).
 *
 * Read only from the organisation — a repository's value is ignored, with a
 * warning when it differs:
 * - `ledger` (every key) and `budget.members` (logins, quotas, `tokenEnv`);
 * - `agents[].tokenEnv` and `apiKeyEnv`: an agent the organisation defines keeps its token and key,
 *   an agent it does not define never has one;
 * - `agents[].trigger.template`: the organisation's wording, or Factory's own;
 * - the whole `trigger` of an agent of the organisation that acts as a member
 *   (its own `tokenEnv`, or any member with one), so a repository cannot
 *   choose what a member is made to say, label or assign.
 *
 * Narrowing only:
 * - `budget.repoShare` at most the organisation's;
 * - `agents`: leaving out an agent of the organisation switches it off here;
 *   for one it keeps, `dailyQuota` at most the organisation's, `issueTypes`
 *   and `accounts` a part of the organisation's (the rest is left out; an
 *   agent left with no issue type is switched off); keys not set are the
 *   organisation's;
 * - a repository may define an agent the organisation does not have; it acts
 *   as the app.
 *
 * @returns the effective document (to validate), and one warning per key ignored
 */
export function applyOrgRules(params: { org: ConfigDocument; repository: readonly ConfigDocument[] }): {
  document: Record<string, unknown>;
  warnings: ConfigWarning[];
} {
  const org = configSchema.parse(params.org.document);
  const orgFile = params.org.file;
  const documents = params.repository.map((entry) => entry.document);
  const repo = mergeConfigs([...documents].reverse());
  const document = mergeConfigs([params.org.document, repo]);
  const warnings: ConfigWarning[] = [];
  const warn: Warn = (path, reason, outcome) => {
    const file = params.repository[findOwningDocument({ documents, path }) ?? 0]?.file ?? orgFile;
    warnings.push(configWarning({ file, path, reason, ...(outcome ? { outcome } : {}) }));
  };

  if (Object.hasOwn(repo, "ledger")) {
    const ledger: Record<string, unknown> = isPlainObject(repo.ledger) ? repo.ledger : {};
    for (const [key, value] of Object.entries(ledger)) {
      if (!isDeepStrictEqual(value, (org.ledger as Record<string, unknown>)[key])) {
        warn(["ledger", key], `where the ledger is kept is read only from ${orgFile}`);
      }
    }
    setOrDelete(document, "ledger", params.org.document.ledger);
  }

  if (isPlainObject(repo.budget)) {
    const orgBudget = isPlainObject(params.org.document.budget) ? params.org.document.budget : {};
    const budget: Record<string, unknown> = { ...(document.budget as Record<string, unknown>) };
    if (Object.hasOwn(repo.budget, "members")) {
      const members = budgetSchema.safeParse({ members: repo.budget.members });
      if (!members.success || !isDeepStrictEqual(members.data.members, org.budget.members)) {
        warn(["budget", "members"], `members, their quotas and their tokens are read only from ${orgFile}`);
      }
      setOrDelete(budget, "members", orgBudget.members);
    }
    const share = repo.budget.repoShare;
    if (share !== undefined && !(typeof share === "number" && share <= org.budget.repoShare)) {
      warn(["budget", "repoShare"], `a repository may lower its share of the pool, not raise it above ${org.budget.repoShare} (set in ${orgFile})`);
      setOrDelete(budget, "repoShare", orgBudget.repoShare);
    }
    document.budget = budget;
  }

  if (Array.isArray(repo.agents)) {
    const context = { org, orgFile, warn, memberTokens: org.budget.members.some((member) => member.tokenEnv !== undefined) };
    const off = new Set<string>();
    document.agents = repo.agents.flatMap((entry: unknown, index) => {
      if (!isPlainObject(entry)) return [entry];
      const own = org.agents.find((agent) => agent.name === entry.name);
      const agent = own ? narrowAgent({ ...context, entry, own, index }) : repositoryAgent({ ...context, entry, index });
      if (!agent) off.add(String(entry.name));
      return agent ? [agent] : [];
    });
    pruneRoute(document, off);
  }
  return { document, warnings };
}

type Warn = (path: KeyPath, reason: string, outcome?: ConfigWarning["outcome"]) => void;

interface AgentRuleParams {
  org: Config;
  orgFile: string;
  warn: Warn;
  memberTokens: boolean;
  entry: Record<string, unknown>;
  index: number;
}

/** An agent the organisation defines, as the repository narrowed it; undefined when switched off. */
function narrowAgent(params: AgentRuleParams & { own: Agent }): Record<string, unknown> | undefined {
  const { own, entry, orgFile, warn } = params;
  const at = (...rest: PropertyKey[]): KeyPath => ["agents", params.index, ...rest];
  const agent: Record<string, unknown> = { ...entry };

  if (entry.tokenEnv !== undefined && entry.tokenEnv !== own.tokenEnv) warn(at("tokenEnv"), tokenReason(orgFile));
  setOrDelete(agent, "tokenEnv", own.tokenEnv);
  if (entry.apiKeyEnv !== undefined && entry.apiKeyEnv !== own.apiKeyEnv) warn(at("apiKeyEnv"), `which API key ${own.name} is reached with is read only from ${orgFile}`);
  setOrDelete(agent, "apiKeyEnv", own.apiKeyEnv);
  // A repository may stop an agent from acting as a member, never make it start.
  if (entry.memberTokens === true && !own.memberTokens) warn(at("memberTokens"), `${orgFile} does not let ${own.name} act with members' tokens`);
  agent.memberTokens = own.memberTokens && entry.memberTokens !== false;

  const quota = entry.dailyQuota;
  if (!(typeof quota === "number" && quota <= own.dailyQuota)) {
    if (quota !== undefined) warn(at("dailyQuota"), `a repository may lower ${own.name}'s daily quota, not raise it above ${own.dailyQuota} (set in ${orgFile})`);
    agent.dailyQuota = own.dailyQuota;
  }

  const concurrency = entry.concurrency;
  if (own.concurrency !== undefined && !(typeof concurrency === "number" && concurrency <= own.concurrency)) {
    if (concurrency !== undefined) warn(at("concurrency"), `a repository may lower ${own.name}'s concurrency, not raise it above ${own.concurrency} (set in ${orgFile})`);
    agent.concurrency = own.concurrency;
  }

  for (const list of NARROWABLE_LISTS) {
    const allowed = (own as Record<string, unknown>)[list.key];
    if (!Array.isArray(allowed)) continue;
    const wanted = entry[list.key];
    if (!Array.isArray(wanted)) {
      if (wanted !== undefined) warn(at(list.key), `${orgFile} sets ${own.name}'s ${list.what}`);
      agent[list.key] = allowed;
      continue;
    }
    const norm = (value: unknown) => (list.caseless ? String(value).toLowerCase() : value);
    const kept = wanted.filter((value) => allowed.some((ok) => norm(ok) === norm(value)));
    const dropped = wanted.filter((value) => !kept.includes(value));
    agent[list.key] = kept;
    if (dropped.length === 0) continue;
    const only = `${orgFile} gives ${own.name} only these ${list.what}: ${allowed.join(", ") || "none"}`;
    if (kept.length === 0 && list.key === "issueTypes") {
      warn(at(list.key), `${only}; none is left, so ${own.name} is switched off here`);
      return undefined;
    }
    warn(at(list.key), `${only}; ${dropped.join(", ")} left out`, kept.length === 0 ? "ignored" : "partly ignored");
  }

  const actsAsMember = own.tokenEnv !== undefined || params.memberTokens;
  if (actsAsMember) {
    if (entry.trigger !== undefined && !sameTrigger(entry.trigger, own.trigger)) {
      warn(at("trigger"), `${own.name} is triggered with a member's token, so how it is triggered is read only from ${orgFile}`);
    }
    agent.trigger = own.trigger;
  } else {
    const trigger = entry.trigger === undefined ? own.trigger : entry.trigger;
    agent.trigger = withTemplate({ trigger, template: own.trigger.type === "mention" ? own.trigger.template : undefined, at, warn, orgFile });
  }
  return agent;
}

/** An agent only the repository defines: everything it says, but no token and none of its own words. */
function repositoryAgent(params: AgentRuleParams): Record<string, unknown> {
  const { entry, orgFile, warn } = params;
  const at = (...rest: PropertyKey[]): KeyPath => ["agents", params.index, ...rest];
  const agent: Record<string, unknown> = { ...entry };
  if (entry.tokenEnv !== undefined) {
    warn(at("tokenEnv"), `${tokenReason(orgFile)}, and ${String(entry.name)} is not one of its agents, so it acts as Factory's app`);
    delete agent.tokenEnv;
  }
  if (entry.apiKeyEnv !== undefined) {
    warn(at("apiKeyEnv"), `which API key an agent is reached with is read only from ${orgFile}, and ${String(entry.name)} is not one of its agents`);
    delete agent.apiKeyEnv;
  }
  if (entry.memberTokens === true) warn(at("memberTokens"), `${String(entry.name)} is not one of ${orgFile}'s agents, so it acts as Factory's app`);
  // Nor is it triggered with a member's token: only the organisation decides who speaks as its members.
  agent.memberTokens = false;
  if (entry.trigger !== undefined) agent.trigger = withTemplate({ trigger: entry.trigger, template: undefined, at, warn, orgFile });
  return agent;
}

/** A mention trigger with the organisation's template (or none), warning when the repository wrote another. */
function withTemplate(params: { trigger: unknown; template: string | undefined; at: (...rest: PropertyKey[]) => KeyPath; warn: Warn; orgFile: string }): unknown {
  const { trigger, template } = params;
  if (!isPlainObject(trigger) || trigger.type !== "mention") return trigger;
  const written = trigger.template;
  if (written !== undefined && (typeof written !== "string" || written.trim() !== template)) {
    params.warn(params.at("trigger", "template"), `the words Factory posts to wake an agent are read only from ${params.orgFile}`);
  }
  const result: Record<string, unknown> = { ...trigger };
  setOrDelete(result, "template", template);
  return result;
}

function tokenReason(orgFile: string): string {
  return `member tokens are read only from ${orgFile}`;
}

function sameTrigger(written: unknown, own: Agent["trigger"]): boolean {
  const parsed = triggerSchema.safeParse(written);
  return parsed.success && isDeepStrictEqual(parsed.data, own);
}

/** `dispatch.route` without the agents these rules switched off (a route naming them would not validate). */
function pruneRoute(document: Record<string, unknown>, off: ReadonlySet<string>): void {
  const dispatch = document.dispatch;
  if (off.size === 0 || !isPlainObject(dispatch) || !Array.isArray(dispatch.route)) return;
  const route = dispatch.route.filter((name) => !off.has(String(name)));
  const pruned: Record<string, unknown> = { ...dispatch };
  setOrDelete(pruned, "route", route.length > 0 ? route : undefined);
  document.dispatch = pruned;
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
