import type { Store } from "../store.js";
import type { Repo, Ruleset, RulesetRule } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";

/** What a ruleset is made of, as the REST body names it. */
export interface RulesetInput {
  name: string;
  target?: "branch";
  enforcement: Ruleset["enforcement"];
  include?: string[];
  exclude?: string[];
  rules?: RulesetRule[];
  bypassActors?: unknown[];
}

/**
 * Repository rulesets (https://docs.github.com/en/rest/repos/rules): each
 * change re-evaluates the open pull requests it may affect, and a queue whose
 * branch no longer requires one is left to finish its entries.
 */
export class RulesetMutations {
  constructor(private readonly store: Store) {}

  /** `POST /repos/{o}/{r}/rulesets`: 422 for a duplicate name or a target other than branches. */
  create(params: { repo: Repo; input: RulesetInput }): Ruleset {
    const { repo, input } = params;
    this.assertValid(repo, input);
    const id = this.store.nextId();
    const now = this.store.now();
    const ruleset: Ruleset = {
      id,
      nodeId: this.store.nodeId("RRS", id),
      name: input.name,
      target: "branch",
      enforcement: input.enforcement,
      include: input.include ?? [],
      exclude: input.exclude ?? [],
      rules: input.rules ?? [],
      bypassActors: input.bypassActors ?? [],
      createdAt: now,
      updatedAt: now,
    };
    repo.rulesets.set(id, ruleset);
    this.refreshAll(repo);
    return ruleset;
  }

  /** `PUT /repos/{o}/{r}/rulesets/{id}`: replaces what the body names. */
  update(params: { repo: Repo; id: number; input: Partial<RulesetInput> }): Ruleset {
    const ruleset = this.require(params.repo, params.id);
    const { input } = params;
    if (input.name !== undefined && input.name !== ruleset.name) this.assertValid(params.repo, { ...input, name: input.name, enforcement: input.enforcement ?? ruleset.enforcement });
    if (input.name !== undefined) ruleset.name = input.name;
    if (input.enforcement !== undefined) ruleset.enforcement = input.enforcement;
    if (input.include !== undefined) ruleset.include = input.include;
    if (input.exclude !== undefined) ruleset.exclude = input.exclude;
    if (input.rules !== undefined) ruleset.rules = input.rules;
    if (input.bypassActors !== undefined) ruleset.bypassActors = input.bypassActors;
    ruleset.updatedAt = this.store.now();
    this.refreshAll(params.repo);
    return ruleset;
  }

  /** `DELETE /repos/{o}/{r}/rulesets/{id}`. */
  delete(params: { repo: Repo; id: number }): void {
    this.require(params.repo, params.id);
    params.repo.rulesets.delete(params.id);
    this.refreshAll(params.repo);
  }

  /** The ruleset, or 404. */
  require(repo: Repo, id: number): Ruleset {
    const ruleset = repo.rulesets.get(id);
    if (!ruleset) throw new SandboxError({ status: 404, message: "Not Found" });
    return ruleset;
  }

  private assertValid(repo: Repo, input: RulesetInput): void {
    if (input.target !== undefined && input.target !== "branch") {
      throw new SandboxError({ status: 501, message: `Not implemented in the sandbox: ${input.target} rulesets` });
    }
    if ([...repo.rulesets.values()].some((other) => other.name === input.name)) {
      throw new SandboxError({ status: 422, message: "Validation Failed", errors: [{ resource: "Ruleset", code: "already_exists", field: "name" }] });
    }
  }

  private refreshAll(repo: Repo): void {
    for (const pull of repo.pulls.values()) this.store.ops.pulls.refresh(repo, pull);
  }
}
