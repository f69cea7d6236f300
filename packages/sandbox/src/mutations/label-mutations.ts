import type { Store } from "../store.js";
import type { Account, Issue, Label, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { labelPayload } from "../webhooks/label-payload.js";
import { emitIssueEvent } from "./emit-issue-event.js";

/** The colour GitHub gives a label created implicitly by adding it to an issue. */
export const DEFAULT_LABEL_COLOR = "ededed";

function invalid(field: string, code = "invalid"): SandboxError {
  return new SandboxError({ status: 422, message: "Validation Failed", errors: [{ resource: "Label", code, field }] });
}

function normaliseColor(color: string | undefined): string | undefined {
  if (color === undefined) return undefined;
  const clean = color.replace(/^#/, "");
  if (!/^[0-9a-fA-F]{6}$/.test(clean)) throw invalid("color");
  return clean.toLowerCase();
}

/** Repository labels and the labels on issues and PRs. */
export class LabelMutations {
  constructor(private readonly store: Store) {}

  /** Adds a label record without any event (seeding and implicit creation). */
  insert(params: { repo: Repo; name: string; color: string; description?: string | null; isDefault?: boolean }): Label {
    const id = this.store.nextId();
    const label: Label = {
      id,
      nodeId: this.store.nodeId("LA", id),
      name: params.name,
      color: params.color,
      description: params.description ?? null,
      default: params.isDefault ?? false,
    };
    params.repo.labels.set(params.name.toLowerCase(), label);
    this.store.register({ kind: "Label", value: label });
    return label;
  }

  /** The label `name` (case-insensitive), or GitHub's 404. */
  require(repo: Repo, name: string): Label {
    const label = repo.labels.get(name.toLowerCase());
    if (!label) throw new SandboxError({ status: 404, message: "Not Found" });
    return label;
  }

  /** `POST /labels`: 422 `already_exists` for a taken name. */
  create(params: { actor: Account; repo: Repo; name: string; color?: string; description?: string | null }): Label {
    const { repo, name } = params;
    if (name.trim() === "") throw invalid("name", "missing_field");
    if (repo.labels.has(name.toLowerCase())) throw invalid("name", "already_exists");
    const color = normaliseColor(params.color) ?? DEFAULT_LABEL_COLOR;
    const label = this.insert({ repo, name, color, description: params.description ?? null });
    this.store.emit(labelPayload({ repo, label, action: "created", sender: params.actor }));
    return label;
  }

  /** `PATCH /labels/{name}`: rename, recolour, redescribe; emits `label.edited` with `changes`. */
  update(params: {
    actor: Account;
    repo: Repo;
    name: string;
    newName?: string;
    color?: string;
    description?: string | null;
  }): Label {
    const { repo } = params;
    const label = this.require(repo, params.name);
    const changes: Record<string, { from: unknown }> = {};
    const color = normaliseColor(params.color);
    if (params.newName !== undefined && params.newName !== label.name) {
      const clash = repo.labels.get(params.newName.toLowerCase());
      if (clash && clash !== label) throw invalid("name", "already_exists");
      changes.name = { from: label.name };
      repo.labels.delete(label.name.toLowerCase());
      label.name = params.newName;
      repo.labels.set(label.name.toLowerCase(), label);
    }
    if (color !== undefined && color !== label.color) {
      changes.color = { from: label.color };
      label.color = color;
    }
    if (params.description !== undefined && params.description !== label.description) {
      changes.description = { from: label.description ?? "" };
      label.description = params.description;
    }
    this.store.emit(labelPayload({ repo, label, action: "edited", sender: params.actor, changes }));
    return label;
  }

  /** `DELETE /labels/{name}`: removes it from every issue too. */
  delete(params: { actor: Account; repo: Repo; name: string }): void {
    const { repo } = params;
    const label = this.require(repo, params.name);
    repo.labels.delete(label.name.toLowerCase());
    for (const issue of repo.issues.values()) issue.labels = issue.labels.filter((l) => l !== label);
    this.store.emit(labelPayload({ repo, label, action: "deleted", sender: params.actor }));
  }

  /**
   * Adds labels to an issue or PR, creating missing repository labels with
   * GitHub's default colour; emits `labeled` once per label actually added.
   */
  addToIssue(params: { actor: Account; repo: Repo; number: number; names: string[] }): Label[] {
    const { actor, repo } = params;
    const issue = this.store.requireIssue(repo, params.number);
    for (const name of params.names) {
      const existing = repo.labels.get(name.toLowerCase());
      const label = existing ?? this.insert({ repo, name, color: DEFAULT_LABEL_COLOR });
      if (!existing) this.store.emit(labelPayload({ repo, label, action: "created", sender: actor }));
      if (issue.labels.includes(label)) continue;
      issue.labels.push(label);
      this.touch(issue);
      emitIssueEvent({ store: this.store, repo, issue, action: "labeled", sender: actor, label });
    }
    return issue.labels;
  }

  /** Removes one label from an issue; 404 `Label does not exist` when it is not there. */
  removeFromIssue(params: { actor: Account; repo: Repo; number: number; name: string }): Label[] {
    const { actor, repo } = params;
    const issue = this.store.requireIssue(repo, params.number);
    const label = issue.labels.find((l) => l.name.toLowerCase() === params.name.toLowerCase());
    if (!label) throw new SandboxError({ status: 404, message: "Label does not exist" });
    issue.labels = issue.labels.filter((l) => l !== label);
    this.touch(issue);
    emitIssueEvent({ store: this.store, repo, issue, action: "unlabeled", sender: actor, label });
    return issue.labels;
  }

  /** Replaces an issue's labels: `unlabeled` for each dropped one, `labeled` for each new one. */
  setOnIssue(params: { actor: Account; repo: Repo; number: number; names: string[] }): Label[] {
    const { actor, repo, number } = params;
    const issue = this.store.requireIssue(repo, number);
    const wanted = new Set(params.names.map((n) => n.toLowerCase()));
    for (const label of [...issue.labels]) {
      if (!wanted.has(label.name.toLowerCase())) this.removeFromIssue({ actor, repo, number, name: label.name });
    }
    return this.addToIssue({ actor, repo, number, names: params.names });
  }

  private touch(issue: Issue): void {
    issue.updatedAt = this.store.now();
  }
}
