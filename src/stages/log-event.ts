import type { Logger } from "probot";
import { eventSummary, type AnyDelivery } from "../github/event-summary.js";

/** Logs every delivery with its id, so any later log line can be traced to it. */
export function logEvent(params: { event: AnyDelivery; log: Logger }): void {
  const { event } = params;
  const { action, repository } = eventSummary(event);
  params.log.info({ deliveryId: event.id, event: event.name, action, repository }, `Received ${event.name}${action ? `.${action}` : ""}`);
}
