import type { Account, Label, Repo, StoreEvent } from "../store-types.js";
import { renderLabel } from "../render/render-label.js";
import { repoContext } from "./repo-context.js";

/** Builds a `label` webhook (created, edited with `changes`, deleted). */
export function labelPayload(params: {
  repo: Repo;
  label: Label;
  action: "created" | "edited" | "deleted";
  sender: Account;
  changes?: Record<string, { from: unknown }>;
}): StoreEvent {
  const { repo, label, action, sender } = params;
  const payload: Record<string, unknown> = {
    action,
    label: renderLabel({ repo, label }),
    ...(params.changes ? { changes: params.changes } : {}),
    ...repoContext({ repo, sender }),
  };
  return { name: "label", payload, repoId: repo.id, accountId: null };
}
