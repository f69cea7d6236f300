import type { Store } from "../store.js";
import type { Account, Reaction, ReactionContent, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";

/** What a reaction is on: an issue/PR by number or an issue comment by id. */
export type ReactionTarget = { kind: "issue"; number: number } | { kind: "comment"; commentId: number };

/** The contents GitHub accepts. */
export const REACTION_CONTENTS: readonly ReactionContent[] = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

/** Reactions; GitHub sends no webhook for them, so none are emitted. */
export class ReactionMutations {
  constructor(private readonly store: Store) {}

  /** The reaction list of a target (404 when the target is missing). */
  listOf(repo: Repo, target: ReactionTarget): Reaction[] {
    return target.kind === "issue"
      ? this.store.requireIssue(repo, target.number).reactions
      : this.store.requireComment(repo, target.commentId).reactions;
  }

  /** Adds a reaction; an identical one by the same user is returned instead (`created: false`, REST 200). */
  add(params: { actor: Account; repo: Repo; target: ReactionTarget; content: ReactionContent }): { reaction: Reaction; created: boolean } {
    const { actor, content } = params;
    if (!REACTION_CONTENTS.includes(content)) {
      throw new SandboxError({ status: 422, message: "Validation Failed", errors: [{ resource: "Reaction", code: "invalid", field: "content" }] });
    }
    const list = this.listOf(params.repo, params.target);
    const existing = list.find((r) => r.user.id === actor.id && r.content === content);
    if (existing) return { reaction: existing, created: false };
    const id = this.store.nextId();
    const reaction: Reaction = { id, nodeId: this.store.nodeId("REA", id), content, user: actor, createdAt: this.store.now() };
    list.push(reaction);
    this.store.register({ kind: "Reaction", value: reaction });
    return { reaction, created: true };
  }

  /** Deletes a reaction by id (404 when it is not on the target). */
  remove(params: { repo: Repo; target: ReactionTarget; reactionId: number }): void {
    const list = this.listOf(params.repo, params.target);
    const index = list.findIndex((r) => r.id === params.reactionId);
    if (index < 0) throw new SandboxError({ status: 404, message: "Not Found" });
    const [removed] = list.splice(index, 1);
    if (removed) this.store.nodes.delete(removed.nodeId);
  }
}
