import type { WebhookDelivery } from "../webhooks/webhook-dispatcher.js";
import { iso } from "./iso.js";

/** How GitHub's delivery log describes one attempt: `status` text and `status_code`. */
export interface DeliveryOutcome {
  status: string;
  statusCode: number;
}

/**
 * GitHub's `status` and `status_code` for an attempt.
 *
 * - The app answered 2xx: "OK" with that code (GitHub's docs: a failed
 *   delivery is one whose `status` is not "OK").
 * - The app answered anything else (an in-process Probot whose handler threw
 *   counts as Probot's middleware answering 500): "Invalid HTTP Response: N"
 *   with that code, as GitHub words it.
 * - The attempt never reached the app (no target, lost in transit, the
 *   connection failed): "failed to connect to host" with 502. GitHub's docs
 *   do not say which code such a delivery gets; its OpenAPI description's
 *   example pairs "failed to connect" with 502, and its `status=failure`
 *   filter covers 400–599 only, so a 0 would hide these from the very query
 *   a redelivery script makes.
 */
export function deliveryOutcome(delivery: WebhookDelivery): DeliveryOutcome {
  const code = delivery.status;
  if (code === null || code === 0) return { status: "failed to connect to host", statusCode: 502 };
  if (code >= 200 && code < 300) return { status: "OK", statusCode: code };
  return { status: `Invalid HTTP Response: ${code}`, statusCode: code };
}

/** The repository the delivery's event is about, if any. */
function repositoryId(delivery: WebhookDelivery): number | null {
  const repository = delivery.payload.repository as { id?: unknown } | undefined;
  return typeof repository?.id === "number" ? repository.id : null;
}

/** One attempt as `GET /app/hook/deliveries` lists it (`hook-delivery-item`). */
export function renderHookDeliveryItem(delivery: WebhookDelivery): Record<string, unknown> {
  const outcome = deliveryOutcome(delivery);
  return {
    id: delivery.attemptId,
    guid: delivery.id,
    delivered_at: iso(delivery.deliveredAt ?? new Date(0)),
    redelivery: delivery.redelivery,
    duration: Math.round((delivery.durationMs ?? 0) / 10) / 100,
    status: outcome.status,
    status_code: outcome.statusCode,
    event: delivery.name,
    action: delivery.action ?? null,
    installation_id: delivery.installationId,
    repository_id: repositoryId(delivery),
    throttled_at: null,
  };
}

/** GitHub's spelling of the delivery headers in the log (`X-GitHub-Delivery`, …); others are shown as sent. */
const HEADER_NAMES: Record<string, string> = {
  "user-agent": "User-Agent",
  "x-github-event": "X-GitHub-Event",
  "x-github-delivery": "X-GitHub-Delivery",
  "x-github-hook-id": "X-GitHub-Hook-ID",
  "x-github-hook-installation-target-id": "X-GitHub-Hook-Installation-Target-ID",
  "x-github-hook-installation-target-type": "X-GitHub-Hook-Installation-Target-Type",
  "x-hub-signature": "X-Hub-Signature",
  "x-hub-signature-256": "X-Hub-Signature-256",
};

/**
 * One attempt as `GET /app/hook/deliveries/{delivery_id}` returns it
 * (`hook-delivery`): the item plus the request sent and the response
 * received. Only an HTTP target has a URL and a response; an in-process
 * Probot or an attempt that never reached the app has `null` response
 * headers and payload.
 */
export function renderHookDelivery(delivery: WebhookDelivery): Record<string, unknown> {
  const headers = Object.fromEntries(Object.entries(delivery.requestHeaders ?? {}).map(([name, value]) => [HEADER_NAMES[name] ?? name, value]));
  return {
    ...renderHookDeliveryItem(delivery),
    ...(delivery.url !== undefined ? { url: delivery.url } : {}),
    request: { headers, payload: JSON.parse(delivery.body) as unknown },
    response: { headers: delivery.response?.headers ?? null, payload: delivery.response?.body ?? null },
  };
}
