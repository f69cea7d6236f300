import type { RestContext, RestHandler } from "../rest-context.js";
import type { WebhookDelivery } from "../../webhooks/webhook-dispatcher.js";
import { SandboxError } from "../../sandbox-error.js";
import { deliveryOutcome, renderHookDelivery, renderHookDeliveryItem } from "../../render/render-hook-delivery.js";

/** The cursor naming the page that starts at delivery `id`. */
const cursorFor = (id: number): string => `v1_${id}`;

/** The delivery id a cursor starts at; a cursor the sandbox did not hand out is refused. */
function cursorStart(cursor: string): number {
  const match = /^v1_(\d+)$/.exec(cursor);
  if (!match) throw new SandboxError({ status: 422, message: "Invalid cursor" });
  return Number(match[1]);
}

/** `status=success` is a `status_code` of 200–399, `failure` one of 400–599 (the parameter's description). */
function hasStatus(delivery: WebhookDelivery, status: string): boolean {
  const code = deliveryOutcome(delivery).statusCode;
  return status === "success" ? code >= 200 && code <= 399 : code >= 400 && code <= 599;
}

/** The calling app's delivery `delivery_id` still in its log, or GitHub's 404. */
function ownDelivery(ctx: RestContext): WebhookDelivery {
  const { app } = ctx.requireApp();
  const id = ctx.int("delivery_id");
  const delivery = ctx.init.webhooks.attempts(app.id).find((d) => d.attemptId === id);
  if (!delivery) throw new SandboxError({ status: 404, message: "Not Found" });
  return delivery;
}

/**
 * The GitHub App's webhook delivery log, as documented at
 * https://docs.github.com/en/rest/apps/webhooks ("List deliveries for an app
 * webhook", "Get a delivery for an app webhook", "Redeliver a delivery for an
 * app webhook"). All three take the app's JWT only ("You must use a JWT to
 * access this endpoint"), like the other `/app…` endpoints.
 *
 * GitHub keeps deliveries for three days and lets them be redelivered for
 * as long
 * (https://docs.github.com/en/webhooks/testing-and-troubleshooting-webhooks/redelivering-webhooks).
 * Past that a delivery is gone from the log: it is not listed, and getting
 * or redelivering it answers 404 like an id that never existed (the docs
 * name no other refusal for an expired delivery).
 *
 * The list pages with an opaque `cursor` named in the `link` header, not
 * with `page`: the sandbox's cursor is `v1_<id>`, the id of the first
 * delivery of the next page. Only `rel="next"` is given.
 */
export const hookDeliveryHandlers: Record<string, RestHandler> = {
  "apps/list-webhook-deliveries": (ctx) => {
    const { app } = ctx.requireApp();
    const perPage = ctx.perPage;
    const status = ctx.optStr("status");
    const cursor = ctx.optStr("cursor");
    const start = cursor === undefined ? undefined : cursorStart(cursor);
    const deliveries = ctx.init.webhooks
      .attempts(app.id)
      .filter((d) => (status === undefined || hasStatus(d, status)) && (start === undefined || (d.attemptId ?? 0) <= start));
    const page = deliveries.slice(0, perPage);
    const next = deliveries[perPage];
    const headers: Record<string, string> = {};
    if (next?.attemptId !== undefined) {
      const query = new URLSearchParams({ per_page: String(perPage), ...(status === undefined ? {} : { status }), cursor: cursorFor(next.attemptId) });
      headers.link = `<${ctx.init.baseUrl}${ctx.init.path}?${query.toString()}>; rel="next"`;
    }
    return { status: 200, body: page.map(renderHookDeliveryItem), headers };
  },
  "apps/get-webhook-delivery": (ctx) => ({ status: 200, body: renderHookDelivery(ownDelivery(ctx)) }),
  "apps/redeliver-webhook-delivery": (ctx) => {
    const delivery = ownDelivery(ctx);
    // Queued like any delivery; it is sent (and logged as a new attempt with
    // the same guid and `redelivery: true`) after this answer.
    ctx.init.webhooks.redeliver(delivery.id);
    return { status: 202, body: {} };
  },
};
