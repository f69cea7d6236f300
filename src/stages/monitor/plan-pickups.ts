import type { Config } from "../../config/schema.js";
import type { Action } from "../../model/action.js";
import type { LedgerEntry, LedgerRelease } from "../../model/ledger-entry.js";
import { releaseOf, unreleasedAttempt } from "../dispatch/unreleased-attempt.js";
import type { MonitorPlan } from "./monitor-plan.js";

/**
 * Children handed to an agent that opened no pull request within
 * `dispatch.pickupHours` of being paid for: each attempt is released (marked
 * `unpicked`, so routing moves on to the next agent at once), the child
 * loses its dispatched label and the agent's trigger label, and the epic is
 * told. With `dispatch.auto` the next dispatch hands it out again. Pure:
 * the ledger says when each attempt was paid for.
 */
export function planPickups(params: {
  plan: MonitorPlan;
  ledger: { entries: readonly LedgerEntry[]; releases: readonly LedgerRelease[] };
  config: Pick<Config, "dispatch" | "labels" | "agents">;
  repo: string;
  epic: number;
  now: Date;
  /** Children whose agent acknowledged them (👀 on the issue): at work, only slower than a pull request shows. */
  acknowledged?: ReadonlySet<number>;
}): { releases: LedgerRelease[]; actions: Action[] } {
  const { config, now } = params;
  const releases: LedgerRelease[] = [];
  const actions: Action[] = [];
  for (const { child, attempt } of expiredPickups(params)) {
    if (params.acknowledged?.has(child)) continue;
    const reason = `${attempt.agent} opened no pull request for #${child} within ${config.dispatch.pickupHours} hours`;
    releases.push(releaseOf(attempt, { now, reason, unpicked: true }));
    const trigger = config.agents.find((agent) => agent.name === attempt.agent)?.trigger;
    actions.push({ kind: "removeLabel", key: `unpicked:${attempt.key}`, issue: child, label: config.labels.dispatched });
    // A label left on would not wake the agent again, nor let another agent's label stand alone.
    if (trigger?.type === "label") actions.push({ kind: "removeLabel", key: `unpicked-trigger:${attempt.key}`, issue: child, label: trigger.label });
    actions.push({
      kind: "comment",
      key: `unpicked-note:${attempt.key}`,
      issue: params.epic,
      body: `⏳ ${reason}: the attempt is released and #${child} ${config.dispatch.auto ? "goes to the next agent now" : `goes to the next agent with \`/factory dispatch next\` here`}.`,
      marker: { kind: "unpicked", fields: { key: attempt.key } },
      since: attempt.time,
    });
  }
  return { releases, actions };
}

/** The unpicked children whose attempt was paid for longer than `dispatch.pickupHours` ago, with that attempt. */
export function expiredPickups(params: {
  plan: Pick<MonitorPlan, "unpicked">;
  ledger: { entries: readonly LedgerEntry[]; releases: readonly LedgerRelease[] };
  config: Pick<Config, "dispatch">;
  repo: string;
  now: Date;
}): Array<{ child: number; attempt: LedgerEntry }> {
  const released = new Set(params.ledger.releases.map((release) => release.key));
  const limitMs = params.config.dispatch.pickupHours * 3_600_000;
  return params.plan.unpicked.flatMap((child) => {
    const attempt = unreleasedAttempt({ entries: params.ledger.entries, released, repo: params.repo, issue: child });
    return attempt && params.now.getTime() - Date.parse(attempt.time) >= limitMs ? [{ child, attempt }] : [];
  });
}
