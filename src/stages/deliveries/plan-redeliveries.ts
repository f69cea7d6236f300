import type { Action } from "../../model/action.js";
import type { FailedDelivery } from "./read-failed-deliveries.js";

/** Redeliveries asked for in one run at most; the rest wait for the next run. */
export const MAX_REDELIVERIES = 100;

/**
 * Which failed deliveries to ask GitHub for again, oldest first (the order
 * they happened in), pure: one per delivery, at most {@link MAX_REDELIVERIES}.
 * Factory's handlers are idempotent, so an event that did arrive after all
 * (a redelivery already on its way) changes nothing twice.
 */
export function planRedeliveries(failed: readonly FailedDelivery[]): Action[] {
  return failed.slice(0, MAX_REDELIVERIES).map((delivery) => ({
    kind: "redeliver",
    key: `redeliver:${delivery.guid}`,
    deliveryId: delivery.id,
    guid: delivery.guid,
    event: delivery.action ? `${delivery.event}.${delivery.action}` : delivery.event,
  }));
}
