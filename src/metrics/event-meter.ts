import { eventSummary, type AnyDelivery } from "../github/event-summary.js";
import type { Metrics } from "./metrics.js";
import type { MeteredQueue } from "./metered-queue.js";

/** What the meter reads of a webhook event (Probot's events and contexts both fit). */
type EventLike = AnyDelivery;

/**
 * Counts webhook deliveries in `factory_events_total`: every delivery as
 * `received`, and for each subscribed handler whether it queued work
 * (`handled`), decided there was none (`ignored`) or threw (`failed`).
 */
export class EventMeter {
  constructor(
    private readonly metrics: Pick<Metrics, "events">,
    private readonly queue: MeteredQueue,
  ) {}

  /** Counts a delivery as received; meant for `app.onAny`. */
  received(event: EventLike): void {
    this.count(event, "received");
  }

  /** Wraps a handler so its outcome is counted; what it does and throws is unchanged. */
  wrap<C extends EventLike>(handler: (context: C) => Promise<void>): (context: C) => Promise<void> {
    return async (context) => {
      let enqueued: number;
      try {
        enqueued = await this.queue.countEnqueued(() => handler(context));
      } catch (error) {
        this.count(context, "failed");
        throw error;
      }
      this.count(context, enqueued > 0 ? "handled" : "ignored");
    };
  }

  private count(event: EventLike, outcome: string): void {
    this.metrics.events.inc({ event: event.name, action: eventSummary(event).action ?? "", outcome });
  }
}
