import type { Context } from "probot";

/** Any webhook delivery, with its payload typed as `@octokit/webhooks` describes it (through Probot's `Context`). */
export type AnyDelivery = Pick<Context, "id" | "name" | "payload">;

/** What every log line and metric says of a delivery: its action and repository, where the event has them. */
export function eventSummary(event: AnyDelivery): { action: string | undefined; repository: string | undefined } {
  const { payload } = event;
  return {
    action: "action" in payload && typeof payload.action === "string" ? payload.action : undefined,
    repository: "repository" in payload && payload.repository ? payload.repository.full_name : undefined,
  };
}
