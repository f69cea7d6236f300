import type { Logger } from "probot";

/** Logs every delivery with its id, so any later log line can be traced to it. */
export function logEvent(params: { event: { id: string; name: string; payload: unknown }; log: Logger }): void {
  const { event } = params;
  const payload = event.payload as { action?: string; repository?: { full_name?: string } };
  params.log.info(
    {
      deliveryId: event.id,
      event: event.name,
      action: payload.action,
      repository: payload.repository?.full_name,
    },
    `Received ${event.name}${payload.action ? `.${payload.action}` : ""}`,
  );
}
