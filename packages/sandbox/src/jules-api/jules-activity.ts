/**
 * One step of a Jules session as `GET /v1alpha/sessions/{id}/activities`
 * lists it (https://jules.google/docs/api/reference/sessions). The
 * stand-in keeps to a few kinds: the user's messages, a progress update for
 * each commit the agent pushed, an agent message for the pull request it
 * opened (with `pullRequest`), and the failure.
 */
export interface JulesActivity {
  /** `sessions/{session}/activities/{n}`. */
  name: string;
  id: string;
  /** RFC 3339. */
  createTime: string;
  originator: "user" | "agent";
  description?: string;
  userMessaged?: { userMessage: string };
  agentMessaged?: { agentMessage: string };
  progressUpdated?: { title: string; description: string };
  /** The pull request the agent opened (sandbox addition, mirroring the session's output). */
  pullRequest?: { url: string; title: string; description: string };
  sessionFailed?: { reason: string };
}
