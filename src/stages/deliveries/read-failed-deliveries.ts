import type { Octokit } from "../../github/octokit.js";

/** A webhook delivery GitHub could not hand to the app, as its delivery log lists it. */
export interface FailedDelivery {
  /** The newest attempt's numeric id: the one to redeliver. */
  id: number;
  /** `X-GitHub-Delivery`, shared by every attempt of one delivery. */
  guid: string;
  event: string;
  action: string | null;
  deliveredAt: string;
  statusCode: number;
}

/** One item of `GET /app/hook/deliveries`. */
interface DeliveryItem {
  id: number;
  guid: string;
  delivered_at: string;
  status_code: number;
  event: string;
  action: string | null;
}

/**
 * Reads the app's webhook delivery log back to `since`, newest first, and
 * returns the deliveries none of whose attempts reached the app: GitHub
 * keeps three days of it and does not redeliver on its own
 * (https://docs.github.com/en/webhooks/using-webhooks/handling-failed-webhook-deliveries,
 * https://docs.github.com/en/rest/apps/webhooks#list-deliveries-for-an-app-webhook).
 * Pages are followed through the `Link` header's cursor and left as soon as
 * they reach past `since`. Needs the app's own token (a JWT), not an
 * installation's.
 */
export async function readFailedDeliveries(params: { appOctokit: Octokit; since: Date }): Promise<FailedDelivery[]> {
  const attempts: DeliveryItem[] = [];
  const pages = params.appOctokit.paginate.iterator("GET /app/hook/deliveries", { per_page: 100 });
  for await (const page of pages) {
    const items = page.data as unknown as DeliveryItem[];
    attempts.push(...items.filter((item) => Date.parse(item.delivered_at) >= params.since.getTime()));
    if (items.some((item) => Date.parse(item.delivered_at) < params.since.getTime())) break;
  }
  const byGuid = new Map<string, DeliveryItem[]>();
  for (const attempt of attempts) byGuid.set(attempt.guid, [...(byGuid.get(attempt.guid) ?? []), attempt]);
  const failed: FailedDelivery[] = [];
  for (const [guid, tries] of byGuid) {
    if (tries.some((attempt) => attempt.status_code >= 200 && attempt.status_code < 400)) continue;
    const newest = tries.reduce((a, b) => (Date.parse(b.delivered_at) > Date.parse(a.delivered_at) ? b : a));
    failed.push({ id: newest.id, guid, event: newest.event, action: newest.action, deliveredAt: newest.delivered_at, statusCode: newest.status_code });
  }
  return failed.sort((a, b) => Date.parse(a.deliveredAt) - Date.parse(b.deliveredAt));
}
