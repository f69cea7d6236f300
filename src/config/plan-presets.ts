import { z } from "zod";
import { KNOWN_AGENTS } from "../agents/known-agents.js";
import type { PlanLimits } from "../agents/agent-adapter.js";

/** Tasks a day an agent or a member allows when neither it nor its plan says. */
export const DEFAULT_DAILY_QUOTA = 300;

/** One vendor plan Factory knows: the agent it is for and what it allows. */
export interface PlanPreset extends PlanLimits {
  agent: string;
}

/**
 * The vendors' plans Factory knows, named `<agent>-<plan>` (`jules-pro`):
 * `plan:` on an agent or a member presets its daily quota and tasks at once.
 * From each vendor's adapter (`src/agents/`); a value set beside `plan` wins.
 */
export const PLAN_PRESETS: Readonly<Record<string, PlanPreset>> = Object.fromEntries(
  Object.entries(KNOWN_AGENTS).flatMap(([agent, adapter]) => Object.entries(adapter.plans ?? {}).map(([plan, limits]) => [`${agent}-${plan}`, { agent, ...limits }])),
);

const names = Object.keys(PLAN_PRESETS);

/** A plan's name, one of {@link PLAN_PRESETS}. */
export const planNameSchema = z
  .string()
  .refine((name) => Object.hasOwn(PLAN_PRESETS, name), { message: `not a plan Factory knows; known plans: ${names.join(", ")}` })
  .describe(`A vendor plan whose limits preset the daily quota and tasks at once: ${names.join(", ")}. A value set beside it wins.`);
