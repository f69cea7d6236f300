import type { AppliedAction, ResolvedAction } from "../../model/action.js";
import type { Octokit } from "../octokit.js";

/**
 * Asks GitHub to send a webhook delivery to the app again, with its own
 * token (a JWT). GitHub answers 202 and keeps the delivery's guid; an id it
 * no longer keeps (older than three days) is refused, not thrown, so one
 * stale entry does not stop the others.
 * https://docs.github.com/en/rest/apps/webhooks#redeliver-a-delivery-for-an-app-webhook
 */
export async function redeliver(octokit: Octokit, action: Extract<ResolvedAction, { kind: "redeliver" }>): Promise<AppliedAction> {
  try {
    await octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: action.deliveryId });
    return { action, outcome: "done" };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 422) return { action, outcome: "refused", reason: `GitHub answered ${status}` };
    throw error;
  }
}
