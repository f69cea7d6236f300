/**
 * `@factory/sandbox`: an offline GitHub for testing Probot apps. This is the
 * package's whole public surface. Code outside the package imports only from
 * here; every other module under src/ is internal and may change.
 */

// The entry point: a GitHub to build worlds on, act on and inspect.
export { Sandbox, type SandboxAppCredentials, type SandboxOptions } from "./sandbox.js";
export type { FetchLike } from "./fetch-transport.js";
export type { InspectedComment, InspectedReaction, SandboxSnapshot } from "./sandbox-inspector.js";
export type { SecondaryRateLimitResponse } from "./rate-limiter.js";

// Time: the sandbox's own clock, and a clock a test moves by hand (`new Sandbox({ now: clock.now })`).
export { SandboxClock } from "./sandbox-clock.js";
export { ManualClock } from "./manual-clock.js";

// Actors: people (`sandbox.as(login)`), CI (`sandbox.ci`) and simulated coding agents (`sandbox.addAgent(...)`).
export { SandboxActor } from "./actors.js";
export { CiActor, type CiAutoOptions, type CiKind, type CiOutcome } from "./ci-actor.js";
export {
  AGENT_PRESETS,
  AgentActor,
  type AgentNudge,
  type AgentOptions,
  type AgentPresetName,
  type AgentRequestRules,
  type AgentResolution,
  type AgentSessionRequest,
  type AgentSettings,
  type AgentTask,
  type AgentTaskState,
  type AgentTrigger,
  type AgentWorkReport,
  type IgnoredRequest,
  type IgnoredTrigger,
  type NudgeKind,
} from "./agent-actor.js";

// A stand-in for the Jules REST API (`sandbox.julesApi`), whose sessions hand tasks to the `jules` agent.
export { JulesApi, JULES_API_ORIGIN, type JulesApiRequest, type JulesSessionSnapshot } from "./jules-api/jules-api.js";
export type { JulesSession, JulesSessionOutput, JulesSessionState, JulesSourceContext } from "./jules-api/jules-session.js";
export type { JulesActivity } from "./jules-api/jules-activity.js";
export { JulesError, type JulesErrorStatus } from "./jules-api/jules-error.js";

// Webhooks, faults and the request log (`sandbox.webhooks`, `sandbox.faults`, `sandbox.requests`).
export { WebhookDispatcher, type WebhookDelivery } from "./webhooks/webhook-dispatcher.js";
export { Faults, type FaultSpec, type FaultTarget } from "./faults.js";
export { RequestLog, type RequestLogEntry } from "./request-log.js";

// Loopback HTTP (`sandbox.listen()`), for an app in another process.
export { HttpServer, type ListeningAddress } from "./http-server.js";

// The state (`sandbox.store`) and the types of everything it holds (accounts, repos, issues, pulls, checks, rules, …).
export { Store, type StoreOps } from "./store.js";
export type * from "./store-types.js";
