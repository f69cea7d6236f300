import type { RestContext, RestHandler } from "../rest-context.js";
import type { AgentAssignment, Issue, StateReason } from "../../store-types.js";
import { SandboxError } from "../../sandbox-error.js";
import { renderIssue } from "../../render/render-issue.js";
import { labelNames } from "./label-names.js";

function logins(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .map((item) => (typeof item === "string" ? item : (item as { login?: unknown } | null)?.login))
    .filter((login): login is string => typeof login === "string");
}

/** The body fields of `agent_assignment`, by the name the store keeps them under. */
const AGENT_ASSIGNMENT_FIELDS = {
  target_repo: "targetRepo",
  base_branch: "baseBranch",
  custom_instructions: "customInstructions",
  custom_agent: "customAgent",
  model: "model",
} as const satisfies Record<string, keyof AgentAssignment>;

/**
 * The `agent_assignment` body field, checked as the request validator
 * checks documented fields: an object of strings. GitHub documents it for
 * assigning Copilot since 2025-12-03
 * (https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/create-a-pr#using-the-rest-api,
 * https://github.blog/changelog/2025-12-03-assign-issues-to-copilot-using-the-api);
 * the bundled OpenAPI description predates it, but its body schema does not
 * forbid extra properties, so the field reaches the handler unchecked.
 */
function agentAssignment(value: unknown): AgentAssignment | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new SandboxError({ status: 422, message: `Invalid request.\n\nFor 'properties/agent_assignment', ${JSON.stringify(value)} is not an object.` });
  }
  const given = value as Record<string, unknown>;
  const assignment: AgentAssignment = { targetRepo: null, baseBranch: null, customInstructions: null, customAgent: null, model: null };
  for (const [field, key] of Object.entries(AGENT_ASSIGNMENT_FIELDS)) {
    const item = given[field];
    if (item === undefined || item === null) continue;
    if (typeof item !== "string") {
      throw new SandboxError({
        status: 422,
        message: `Invalid request.\n\nFor 'properties/agent_assignment/properties/${field}', ${JSON.stringify(item)} is not a string.`,
      });
    }
    assignment[key] = item;
  }
  return assignment;
}

/**
 * `agent_assignment` is only modelled on `POST /issues/{n}/assignees`;
 * elsewhere it is refused rather than dropped, since Copilot would then
 * work from the wrong branch.
 */
function refuseAgentAssignment(ctx: RestContext): void {
  if (ctx.body.agent_assignment !== undefined) {
    throw new SandboxError({ status: 501, message: `Not implemented in the sandbox: agent_assignment on ${ctx.init.route.operationId}` });
  }
}

function render(ctx: RestContext, issue: Issue): Record<string, unknown> {
  return renderIssue({ store: ctx.store, repo: ctx.store.repoById(issue.repoId), issue });
}

function listFilter(ctx: RestContext): (issue: Issue) => boolean {
  const state = ctx.optStr("state") ?? "open";
  const labels = (ctx.optStr("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter(Boolean);
  const since = ctx.optStr("since");
  const assignee = ctx.optStr("assignee");
  const creator = ctx.optStr("creator")?.toLowerCase();
  return (issue) =>
    (state === "all" || issue.state === state) &&
    labels.every((l) => issue.labels.some((x) => x.name.toLowerCase() === l)) &&
    (since === undefined || issue.updatedAt.getTime() >= new Date(since).getTime()) &&
    (assignee === undefined ||
      (assignee === "none" ? issue.assignees.length === 0 : assignee === "*" ? issue.assignees.length > 0 : issue.assignees.some((a) => a.login.toLowerCase() === assignee.toLowerCase()))) &&
    (creator === undefined || issue.author.login.toLowerCase() === creator);
}

/** Issues: create, read, update, list, assignees. */
export const issueHandlers: Record<string, RestHandler> = {
  "issues/create": (ctx) => {
    const repo = ctx.repo("read");
    refuseAgentAssignment(ctx);
    const body = ctx.body;
    const actor = ctx.actor;
    // Without triage access GitHub silently drops labels and assignees.
    const triage = ctx.identity.kind !== "user" || ["admin", "maintain", "write", "triage"].includes(ctx.store.permission(repo, actor.login));
    const assignees = logins(body.assignees) ?? (typeof body.assignee === "string" ? [body.assignee] : []);
    const issue = ctx.store.ops.issues.create({
      actor,
      repo,
      title: String(body.title),
      body: (body.body as string | null | undefined) ?? null,
      labels: triage ? labelNames(body.labels) : [],
      assignees: triage ? assignees : [],
    });
    return {
      status: 201,
      body: render(ctx, issue),
      headers: { location: `https://api.github.com/repos/${repo.owner.login}/${repo.name}/issues/${issue.number}` },
    };
  },
  "issues/get": (ctx) => {
    const repo = ctx.repo();
    return { status: 200, body: render(ctx, ctx.store.requireIssue(repo, ctx.int("issue_number"))) };
  },
  "issues/update": (ctx) => {
    const repo = ctx.repo("read");
    refuseAgentAssignment(ctx);
    const number = ctx.int("issue_number");
    const issue = ctx.store.requireIssue(repo, number);
    const body = ctx.body;
    const actor = ctx.actor;
    const triage = ctx.identity.kind !== "user" || ["admin", "maintain", "write", "triage"].includes(ctx.store.permission(repo, actor.login));
    if (!triage && issue.author.id !== actor.id) throw new SandboxError({ status: 403, message: "Must have push access to repository" });
    ctx.store.ops.issues.update({
      actor,
      repo,
      number,
      title: body.title === undefined || body.title === null ? undefined : String(body.title),
      body: body.body as string | null | undefined,
      state: body.state as "open" | "closed" | undefined,
      stateReason: body.state_reason as StateReason | null | undefined,
      // Without triage access GitHub silently drops label and assignee changes.
      labels: triage && body.labels !== undefined ? labelNames(body.labels) : undefined,
      assignees: triage ? (logins(body.assignees) ?? (typeof body.assignee === "string" ? [body.assignee] : undefined)) : undefined,
    });
    return { status: 200, body: render(ctx, issue) };
  },
  "issues/list-for-repo": (ctx) => {
    const repo = ctx.repo();
    const sort = ctx.optStr("sort") ?? "created";
    const direction = ctx.optStr("direction") ?? "desc";
    const key = (i: Issue): number =>
      sort === "updated" ? i.updatedAt.getTime() : sort === "comments" ? ctx.store.commentsOf(repo, i.number).length : i.createdAt.getTime();
    const list = [...repo.issues.values()]
      .filter(listFilter(ctx))
      .sort((a, b) => (direction === "asc" ? key(a) - key(b) || a.number - b.number : key(b) - key(a) || b.number - a.number));
    return ctx.paginate(list.map((issue) => render(ctx, issue)));
  },
  "issues/add-assignees": (ctx) => {
    const repo = ctx.repo("triage");
    const assignment = agentAssignment(ctx.body.agent_assignment);
    const issue = ctx.store.ops.issues.addAssignees({
      actor: ctx.actor,
      repo,
      number: ctx.int("issue_number"),
      logins: logins(ctx.body.assignees) ?? [],
      ...(assignment ? { agentAssignment: assignment } : {}),
    });
    return { status: 201, body: render(ctx, issue) };
  },
  "issues/remove-assignees": (ctx) => {
    const repo = ctx.repo("triage");
    const issue = ctx.store.ops.issues.removeAssignees({ actor: ctx.actor, repo, number: ctx.int("issue_number"), logins: logins(ctx.body.assignees) ?? [] });
    return { status: 200, body: render(ctx, issue) };
  },
  "issues/lock": (ctx) => {
    const repo = ctx.repo("triage");
    const issue = ctx.store.requireIssue(repo, ctx.int("issue_number"));
    issue.locked = true;
    issue.activeLockReason = (ctx.body.lock_reason as string | undefined) ?? null;
    return { status: 204 };
  },
  "issues/unlock": (ctx) => {
    const repo = ctx.repo("triage");
    const issue = ctx.store.requireIssue(repo, ctx.int("issue_number"));
    issue.locked = false;
    issue.activeLockReason = null;
    return { status: 204 };
  },
};
