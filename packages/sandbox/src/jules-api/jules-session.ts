/**
 * The Session resource of the Jules REST API (alpha), as the stand-in
 * renders it (https://developers.google.com/jules/api/reference/rest/v1alpha/sessions,
 * https://jules.google/docs/api/reference/sessions).
 */

/**
 * Where a session stands. The stand-in uses `QUEUED` (created, not taken yet:
 * the agent is at its concurrency), `IN_PROGRESS` (taken, or answering a
 * message), `COMPLETED` and `FAILED`; the planning and feedback states are
 * not modelled.
 */
export type JulesSessionState =
  | "STATE_UNSPECIFIED"
  | "QUEUED"
  | "PLANNING"
  | "AWAITING_PLAN_APPROVAL"
  | "AWAITING_USER_FEEDBACK"
  | "IN_PROGRESS"
  | "PAUSED"
  | "FAILED"
  | "COMPLETED";

/** The repository and branch a session works on. */
export interface JulesSourceContext {
  /** `sources/github/{owner}/{repo}`. */
  source: string;
  githubRepoContext: { startingBranch: string };
}

/** A session's result: the pull request it opened. */
export interface JulesSessionOutput {
  pullRequest: { url: string; title: string; description: string };
}

/** A session as `GET /v1alpha/sessions/{id}` answers it. */
export interface JulesSession {
  /** `sessions/{id}`. */
  name: string;
  id: string;
  prompt: string;
  title: string;
  state: JulesSessionState;
  /** `https://jules.google.com/session/{id}`. */
  url: string;
  sourceContext: JulesSourceContext;
  /** RFC 3339. */
  createTime: string;
  updateTime: string;
  outputs: JulesSessionOutput[];
}
