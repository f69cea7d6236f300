import type { Store } from "../store.js";
import type { Account, AgentAssignment, Issue, Repo, StateReason } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { assertBodyLength } from "./assert-body-length.js";
import { assertTitleLength } from "./assert-title-length.js";
import { emitIssueEvent } from "./emit-issue-event.js";

function invalid(field: string, code: string, value?: unknown): SandboxError {
  return new SandboxError({
    status: 422,
    message: "Validation Failed",
    errors: [{ resource: "Issue", code, field, ...(value === undefined ? {} : { value }) }],
  });
}

/**
 * The login GitHub's REST docs assign Copilot with. It names the same
 * account as `Copilot`, the Bot that `suggestedActors` offers and that
 * issues show as assignee
 * (https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/create-a-pr#using-the-rest-api).
 */
export const COPILOT_ASSIGNEE_LOGIN = "copilot-swe-agent[bot]";

/** Creates and changes issues (and the issue half of PRs), emitting what GitHub emits. */
export class IssueMutations {
  constructor(private readonly store: Store) {}

  /** Records a new issue without emitting anything (PR creation shares this). */
  insert(params: { actor: Account; repo: Repo; title: string; body?: string | null; isPullRequest?: boolean }): Issue {
    const { actor, repo } = params;
    if (params.title.trim() === "") throw invalid("title", "missing_field");
    assertTitleLength({ title: params.title, resource: params.isPullRequest ? "PullRequest" : "Issue" });
    assertBodyLength({ body: params.body, resource: params.isPullRequest ? "PullRequest" : "Issue" });
    const id = this.store.nextId();
    const now = this.store.now();
    const issue: Issue = {
      id,
      nodeId: this.store.nodeId("I", id),
      number: repo.nextNumber,
      repoId: repo.id,
      title: params.title,
      body: params.body ?? null,
      state: "open",
      stateReason: null,
      labels: [],
      assignees: [],
      author: actor,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      reopenings: [],
      locked: false,
      activeLockReason: null,
      reactions: [],
      isPullRequest: params.isPullRequest ?? false,
      subIssueIds: [],
      parentId: null,
      blockedByIds: [],
      blockingIds: [],
      agentAssignment: null,
    };
    repo.nextNumber += 1;
    repo.issues.set(issue.number, issue);
    this.store.issuesById.set(id, issue);
    if (!issue.isPullRequest) this.store.register({ kind: "Issue", value: issue });
    return issue;
  }

  /** Opens an issue: `opened`, then `labeled` / `assigned` for each label and assignee. */
  create(params: {
    actor: Account;
    repo: Repo;
    title: string;
    body?: string | null;
    labels?: string[];
    assignees?: string[];
  }): Issue {
    const { actor, repo } = params;
    const assignees = this.resolveAssignees(repo, params.assignees ?? []);
    const issue = this.insert(params);
    emitIssueEvent({ store: this.store, repo, issue, action: "opened", sender: actor });
    if (params.labels?.length) this.store.ops.labels.addToIssue({ actor, repo, number: issue.number, names: params.labels });
    this.assign(actor, repo, issue, assignees);
    return issue;
  }

  /**
   * `PATCH /issues/{n}`: one `edited` for title/body changes, then
   * `closed`/`reopened`, then label and assignee differences.
   */
  update(params: {
    actor: Account;
    repo: Repo;
    number: number;
    title?: string;
    body?: string | null;
    state?: "open" | "closed";
    stateReason?: StateReason | null;
    labels?: string[];
    assignees?: string[];
  }): Issue {
    const { actor, repo, number } = params;
    const issue = this.store.requireIssue(repo, number);
    if (params.title !== undefined && params.title.trim() === "") throw invalid("title", "missing_field");
    assertTitleLength({ title: params.title, resource: issue.isPullRequest ? "PullRequest" : "Issue" });
    assertBodyLength({ body: params.body, resource: issue.isPullRequest ? "PullRequest" : "Issue" });
    const assignees = params.assignees === undefined ? undefined : this.resolveAssignees(repo, params.assignees);
    const changes: Record<string, { from: unknown }> = {};
    if (params.title !== undefined && params.title !== issue.title) {
      changes.title = { from: issue.title };
      issue.title = params.title;
    }
    if (params.body !== undefined && params.body !== issue.body) {
      changes.body = { from: issue.body ?? "" };
      issue.body = params.body;
    }
    if (Object.keys(changes).length > 0) {
      issue.updatedAt = this.store.now();
      emitIssueEvent({ store: this.store, repo, issue, action: "edited", sender: actor, changes });
    }
    if (params.state !== undefined && params.state !== issue.state) {
      this.setState({ actor, repo, issue, state: params.state, reason: params.stateReason ?? null });
    }
    if (params.labels !== undefined) this.store.ops.labels.setOnIssue({ actor, repo, number, names: params.labels });
    if (assignees !== undefined) {
      for (const gone of issue.assignees.filter((a) => !assignees.includes(a))) {
        issue.assignees = issue.assignees.filter((a) => a !== gone);
        issue.updatedAt = this.store.now();
        emitIssueEvent({ store: this.store, repo, issue, action: "unassigned", sender: actor, assignee: gone });
      }
      this.assign(actor, repo, issue, assignees);
    }
    return issue;
  }

  /**
   * Adds assignees (`POST /issues/{n}/assignees`); unknown users are ignored,
   * as GitHub does. `agentAssignment` (the body's `agent_assignment`) is for
   * Copilot: it is kept on the issue before Copilot's `assigned` event, so
   * whoever acts on that event can read it. It is refused, and nothing is
   * assigned, when Copilot is not among the assignees or its base branch
   * does not exist.
   */
  addAssignees(params: { actor: Account; repo: Repo; number: number; logins: string[]; agentAssignment?: AgentAssignment }): Issue {
    const { repo, agentAssignment } = params;
    const issue = this.store.requireIssue(repo, params.number);
    const valid = params.logins.map((l) => this.canonicalLogin(l)).filter((l) => this.isAssignable(repo, l));
    const assignees = this.resolveAssignees(repo, valid);
    if (agentAssignment) this.checkAgentAssignment(repo, assignees, agentAssignment);
    this.assign(params.actor, repo, issue, assignees, agentAssignment);
    return issue;
  }

  /** The Copilot bot (the `Copilot` Bot account), when the sandbox has one. */
  copilot(): Account | undefined {
    const account = this.store.account("Copilot");
    return account?.type === "Bot" ? account : undefined;
  }

  /** Removes assignees (`DELETE /issues/{n}/assignees`). */
  removeAssignees(params: { actor: Account; repo: Repo; number: number; logins: string[] }): Issue {
    const issue = this.store.requireIssue(params.repo, params.number);
    const drop = new Set(params.logins.map((l) => this.canonicalLogin(l).toLowerCase()));
    for (const gone of issue.assignees.filter((a) => drop.has(a.login.toLowerCase()))) {
      issue.assignees = issue.assignees.filter((a) => a !== gone);
      emitIssueEvent({ store: this.store, repo: params.repo, issue, action: "unassigned", sender: params.actor, assignee: gone });
    }
    return issue;
  }

  /** Closes or reopens; closing defaults to `completed`, reopening sets `reopened`. */
  setState(params: { actor: Account; repo: Repo; issue: Issue; state: "open" | "closed"; reason?: StateReason | null }): void {
    const { actor, repo, issue, state } = params;
    if (issue.state === state) return;
    const now = this.store.now();
    issue.state = state;
    issue.updatedAt = now;
    if (state === "closed") {
      issue.closedAt = now;
      issue.closedBy = actor;
      issue.stateReason = params.reason && params.reason !== "reopened" ? params.reason : "completed";
      const pull = repo.pulls.get(issue.number);
      if (pull) pull.autoMerge = null;
    } else {
      issue.closedAt = null;
      issue.closedBy = null;
      issue.stateReason = "reopened";
      issue.reopenings.push({ at: now, actor });
    }
    emitIssueEvent({ store: this.store, repo, issue, action: state === "closed" ? "closed" : "reopened", sender: actor });
  }

  /** GraphQL `deleteIssue`: removes the issue and emits `issues.deleted`. */
  delete(params: { actor: Account; repo: Repo; number: number }): void {
    const { repo } = params;
    const issue = this.store.requireIssue(repo, params.number);
    if (issue.isPullRequest) throw new SandboxError({ status: 422, message: "Pull requests cannot be deleted" });
    emitIssueEvent({ store: this.store, repo, issue, action: "deleted", sender: params.actor });
    repo.issues.delete(issue.number);
    this.store.issuesById.delete(issue.id);
    this.store.nodes.delete(issue.nodeId);
    for (const comment of this.store.commentsOf(repo, issue.number)) repo.comments.delete(comment.id);
    const parent = issue.parentId === null ? undefined : this.store.issuesById.get(issue.parentId);
    if (parent) parent.subIssueIds = parent.subIssueIds.filter((id) => id !== issue.id);
    for (const childId of issue.subIssueIds) {
      const child = this.store.issuesById.get(childId);
      if (child) child.parentId = null;
    }
    this.store.ops.dependencies.forget(issue);
  }

  /**
   * Emits `assigned` for each new assignee. A new assignment of Copilot
   * replaces what the issue remembers of the last one (`agentAssignment`),
   * with what this one carried or nothing, so an assignment without
   * `agent_assignment` never inherits an older one's base branch.
   */
  private assign(actor: Account, repo: Repo, issue: Issue, assignees: Account[], agentAssignment?: AgentAssignment): void {
    const copilot = this.copilot();
    for (const assignee of assignees) {
      if (issue.assignees.includes(assignee)) continue;
      // GitHub keeps at most 10 assignees and silently ignores the rest.
      if (issue.assignees.length >= 10) break;
      issue.assignees.push(assignee);
      issue.updatedAt = this.store.now();
      if (assignee === copilot) issue.agentAssignment = agentAssignment ?? null;
      emitIssueEvent({ store: this.store, repo, issue, action: "assigned", sender: actor, assignee });
    }
  }

  /**
   * GitHub's checks of `agent_assignment`: it only makes sense with Copilot
   * among the assignees, and its base branch must exist. A target repository
   * other than the issue's own is not modelled: refused rather than ignored,
   * since Copilot would otherwise work in the wrong repository.
   */
  private checkAgentAssignment(repo: Repo, assignees: Account[], assignment: AgentAssignment): void {
    const refuse = (field: string, message: string, value?: string): SandboxError =>
      new SandboxError({
        status: 422,
        message: "Validation Failed",
        errors: [{ resource: "Issue", code: "invalid", field, message, ...(value === undefined ? {} : { value }) }],
      });
    const copilot = this.copilot();
    if (copilot === undefined || !assignees.includes(copilot)) {
      throw refuse("agent_assignment", "agent_assignment can only be given when assigning Copilot (copilot-swe-agent[bot])");
    }
    const here = `${repo.owner.login}/${repo.name}`;
    if (assignment.targetRepo !== null && assignment.targetRepo.toLowerCase() !== here.toLowerCase()) {
      throw new SandboxError({ status: 501, message: `Not implemented in the sandbox: agent_assignment.target_repo other than ${here}` });
    }
    const base = assignment.baseBranch;
    if (base !== null && !repo.refs.has(`refs/heads/${base}`)) {
      throw refuse("agent_assignment.base_branch", `Base branch '${base}' does not exist in ${here}`, base);
    }
  }

  /** `copilot-swe-agent[bot]` read as the Copilot bot's own login, as GitHub's REST API reads it; any other login as it is. */
  private canonicalLogin(login: string): string {
    if (login.toLowerCase() !== COPILOT_ASSIGNEE_LOGIN) return login;
    return this.copilot()?.login ?? login;
  }

  private isAssignable(repo: Repo, login: string): boolean {
    const account = this.store.account(login);
    if (!account) return false;
    return account.type === "Bot" || this.store.permission(repo, login) !== "none";
  }

  private resolveAssignees(repo: Repo, logins: string[]): Account[] {
    return logins.map((given) => {
      const login = this.canonicalLogin(given);
      if (!this.isAssignable(repo, login)) throw invalid("assignees", "invalid", login);
      return this.store.requireAccount(login);
    });
  }
}
