import type { RestContext, RestHandler } from "../rest-context.js";
import type { Label, Repo } from "../../store-types.js";
import { renderLabel } from "../../render/render-label.js";
import { labelNames } from "./label-names.js";

function renderAll(repo: Repo, labels: Label[]): Record<string, unknown>[] {
  return labels.map((label) => renderLabel({ repo, label }));
}

/** `add-labels` / `set-labels` accept `{ labels: [...] }`, a bare array, or `{ labels: [{ name }] }`. */
function requestedLabels(ctx: RestContext): string[] {
  const body = ctx.init.body;
  if (Array.isArray(body)) return labelNames(body);
  return labelNames((body as { labels?: unknown } | null)?.labels);
}

/** Repository labels and labels on issues and PRs. */
export const labelHandlers: Record<string, RestHandler> = {
  "issues/list-labels-for-repo": (ctx) => {
    const repo = ctx.repo();
    return ctx.paginate(renderAll(repo, [...repo.labels.values()]));
  },
  "issues/create-label": (ctx) => {
    const repo = ctx.repo("write");
    const label = ctx.store.ops.labels.create({
      actor: ctx.actor,
      repo,
      name: String(ctx.body.name),
      color: ctx.body.color as string | undefined,
      description: ctx.body.description as string | undefined,
    });
    return { status: 201, body: renderLabel({ repo, label }) };
  },
  "issues/get-label": (ctx) => {
    const repo = ctx.repo();
    return { status: 200, body: renderLabel({ repo, label: ctx.store.ops.labels.require(repo, ctx.str("name")) }) };
  },
  "issues/update-label": (ctx) => {
    const repo = ctx.repo("write");
    const label = ctx.store.ops.labels.update({
      actor: ctx.actor,
      repo,
      name: ctx.str("name"),
      newName: ctx.body.new_name as string | undefined,
      color: ctx.body.color as string | undefined,
      description: ctx.body.description as string | undefined,
    });
    return { status: 200, body: renderLabel({ repo, label }) };
  },
  "issues/delete-label": (ctx) => {
    const repo = ctx.repo("write");
    ctx.store.ops.labels.delete({ actor: ctx.actor, repo, name: ctx.str("name") });
    return { status: 204 };
  },
  "issues/list-labels-on-issue": (ctx) => {
    const repo = ctx.repo();
    return ctx.paginate(renderAll(repo, ctx.store.requireIssue(repo, ctx.int("issue_number")).labels));
  },
  "issues/add-labels": (ctx) => {
    const repo = ctx.repo("triage");
    const labels = ctx.store.ops.labels.addToIssue({ actor: ctx.actor, repo, number: ctx.int("issue_number"), names: requestedLabels(ctx) });
    return { status: 200, body: renderAll(repo, labels) };
  },
  "issues/set-labels": (ctx) => {
    const repo = ctx.repo("triage");
    const labels = ctx.store.ops.labels.setOnIssue({ actor: ctx.actor, repo, number: ctx.int("issue_number"), names: requestedLabels(ctx) });
    return { status: 200, body: renderAll(repo, labels) };
  },
  "issues/remove-label": (ctx) => {
    const repo = ctx.repo("triage");
    const labels = ctx.store.ops.labels.removeFromIssue({ actor: ctx.actor, repo, number: ctx.int("issue_number"), name: ctx.str("name") });
    return { status: 200, body: renderAll(repo, labels) };
  },
  "issues/remove-all-labels": (ctx) => {
    const repo = ctx.repo("triage");
    ctx.store.ops.labels.setOnIssue({ actor: ctx.actor, repo, number: ctx.int("issue_number"), names: [] });
    return { status: 204 };
  },
};
