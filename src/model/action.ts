import type { EpicPhase } from "./epic-document.js";
import type { FollowUp } from "./follow-up.js";
import type { Marker } from "./markers.js";

/** Reactions GitHub accepts; Factory uses eyes (taken), rocket (done) and confused (refused). */
export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

/** A file kept beside the ledger: the repository and branch it lives on, and its path there. */
export interface LedgerFileRef {
  owner: string;
  repo: string;
  branch: string;
  path: string;
}

/**
 * An issue a plan creates itself, named before GitHub gives it a number: a
 * `createIssue` carries the `ref`, and later actions of the same plan point at
 * it with `{ ref }` (or write {@link refText} in a text). The executor puts
 * the number in once the issue exists, so one plan can make an epic, then its
 * branch, links and comments.
 */
export interface NewIssue {
  ref: string;
}

/** An issue by number, or one created earlier in the same plan. */
export type IssueRef = number | NewIssue;

/** Where a new issue's number goes in a text (a branch name, a comment): replaced by the executor. */
export function refText(ref: string): string {
  return `\u27e6${ref}\u27e7`;
}

/**
 * What Copilot's REST assignment takes besides the assignee
 * (https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/create-a-pr#using-the-rest-api):
 * the branch to start from and instructions.
 */
export interface AgentAssignment {
  /** The name REST assigns (`copilot-swe-agent[bot]`); the issue then lists the agent's account (`Copilot`, the action's `login`). */
  assignee: string;
  baseBranch: string;
  customInstructions: string;
}

/**
 * A task of an agent reached through its vendor's own API (Jules's
 * sessions), with the key Factory's environment holds under `apiKeyEnv`
 * (never the key itself). Factory titles each session it starts
 * `<owner/name>#<issue>:<attempt> …` (the ledger key first), so a title
 * prefix finds a child's session again.
 */
export interface AgentSession {
  api: "jules";
  apiKeyEnv: string;
  /** `owner/name`. */
  repo: string;
  /** The session's whole title (to start one) or the prefix that finds it (to talk to it). */
  title: string;
}

/**
 * Writes as a member instead of the app: the environment variable holding
 * their token (never the token itself, so a plan can be logged and described),
 * and the member it belongs to when known (else GitHub is asked).
 */
export interface MemberWriter {
  tokenEnv: string;
  login?: string;
}

/** What every action may say besides its effect. */
export interface ActionBase {
  /** Identifies the action in logs, replies and idempotency. */
  key: string;
  /**
   * Actions of one unit stand or fall together: when one fails, the rest of
   * its unit is skipped and reported, and the executor goes on with the next
   * unit (one child's dispatch cannot stop another's). Without a unit, a
   * failure stops the plan.
   */
  unit?: string;
  /** Write with this member's token (an agent that ignores bots). */
  as?: MemberWriter;
}

/** A JSON line kept in a ledger file (a dispatch, a release, a journal record), known by its `kind` and `key`; written whole. */
export interface LedgerRecord {
  key: string;
  kind?: string;
}

/**
 * One effect a planner wants on GitHub. Every action carries an idempotency
 * `key`; the executor makes each one ensure-style (it checks whether the
 * effect already exists before writing), so applying a plan twice is harmless.
 */
export type Action = ActionBase & ActionEffect;

/** The effect of an action, by kind. */
export type ActionEffect =
  | {
      kind: "addReaction";
      /** The issue comment to react to. */
      commentId: number;
      content: ReactionContent;
    }
  | {
      kind: "comment";
      issue: IssueRef;
      /** Markdown body, without the marker (the executor appends it). */
      body: string;
      /** Identifies this comment: an existing comment carrying it is not posted again. */
      marker: Marker;
      /** Only comments updated at or after this ISO time can carry the marker (saves pages). */
      since?: string;
      /**
       * The request goes to the agent's session first (the vendor's API), and
       * the comment records it on GitHub: written only once the session took it.
       */
      session?: AgentSession & { prompt: string };
    }
  | {
      kind: "ensureLabel";
      name: string;
      /** Six hex digits, no `#`. */
      color: string;
      description: string;
    }
  | {
      kind: "createIssue";
      title: string;
      /** Markdown body, without the marker (the executor appends it). */
      body: string;
      labels: string[];
      /**
       * Identifies the issue. The flow that plans a creation has already
       * looked for an issue carrying this marker (one scan for all of them,
       * not one search per issue), so the executor looks again only after an
       * answer that leaves unknown whether its write landed (a 5xx).
       */
      marker: Marker;
      /** Names the issue for later actions of the same plan ({@link NewIssue}). */
      ref?: string;
    }
  | {
      kind: "addLabels";
      issue: number;
      labels: string[];
    }
  | {
      /** A repository ruleset named `name` on branches matching `include`, requiring `requiredChecks` and `approvals`. */
      kind: "ensureRuleset";
      name: string;
      include: string[];
      requiredChecks: string[];
      approvals: number;
    }
  | {
      kind: "createBranch";
      /** Branch name without `refs/heads/`. */
      branch: string;
      /** Commit to start it at (the default branch's head). */
      sha: string;
    }
  | {
      kind: "addSubIssue";
      parent: IssueRef;
      /** The child's numeric id (GitHub's REST body takes the id, not the number). */
      childId: number;
      child: number;
    }
  | {
      kind: "appendEpicPhases";
      epic: number;
      /** Phase sections to add; children already anywhere in the body are left out when applying. */
      phases: EpicPhase[];
    }
  | {
      kind: "editIssueBody";
      issue: number;
      /** The whole new body. Nothing is written when the body already is this. */
      body: string;
      /** The body the plan was made from: if the issue now says something else, the edit is refused, not forced over it. */
      expect?: string;
      /**
       * The body as the flow read it moments ago in this same job (a
       * dashboard): the executor compares with it instead of reading the
       * issue again. Without it, the executor reads the issue first.
       */
      read?: string;
      /** A dashboard: its "Updated …" time alone is no reason to write. */
      ignoreTime?: boolean;
    }
  /**
   * Rewrites a comment of Factory's (an audit's reading) on `issue` with `body`, marker included; refused when it no
   * longer says `expect` (someone edited it since it was read), nothing written when it says `body` already.
   */
  | { kind: "editComment"; issue: number; commentId: number; body: string; expect?: string }
  | { kind: "removeLabel"; issue: number; label: string }
  /**
   * Assigns an agent's account to the issue (its trigger), keeping the
   * assignees already there. With `agentAssignment` (Copilot), through REST
   * with the branch to start from and instructions for the agent.
   */
  | { kind: "assignAgent"; issue: number; login: string; agentAssignment?: AgentAssignment }
  /**
   * Hands an issue to an agent through its own API: a session from
   * `startingBranch` that opens its pull request; `exists` when a session
   * with the same title is there already (a run that crashed after starting it).
   */
  | { kind: "startSession"; issue: number; session: AgentSession; startingBranch: string; prompt: string }
  /**
   * Pays for dispatches: appends records to the ledger month, compare-and-swap
   * on the file as the plan read it. `refused` when another writer changed it
   * since; the flow re-reads the ledger and plans again.
   */
  | { kind: "appendLedger"; file: LedgerFileRef; read: { text: string; sha?: string }; records: LedgerRecord[]; message: string }
  /**
   * Appends records (releases, the journal) to a ledger file whatever else it
   * holds, re-reading and retrying on a concurrent write; a record whose
   * `kind` and `key` are already there is not written again.
   */
  | { kind: "appendRecords"; file: LedgerFileRef; records: LedgerRecord[]; message: string }
  /** Leaves work for a job of its own (the next phase's dispatch), to the queue the flow was given. */
  | { kind: "enqueue"; job: FollowUp }
  /** Pauses or resumes dispatching in `repo` (`owner/name`) in the pause file beside the ledger. */
  | { kind: "setRepoPause"; file: LedgerFileRef; repo: string; paused: boolean; by: string; at: string }
  | {
      kind: "setTicks";
      epic: number;
      /** Children whose lines get a ticked box, and those whose box is cleared. */
      tick: number[];
      untick: number[];
    }
  | { kind: "resolveThreads"; pull: number; /** Review thread node ids. */ threads: string[] }
  | { kind: "updateBranch"; pull: number; /** The head this update is about; GitHub refuses if it moved. */ headSha: string }
  | {
      kind: "enableAutoMerge";
      pull: number;
      nodeId: string;
      method: "merge" | "squash" | "rebase";
      /** Set when GitHub would refuse auto-merge for a known reason: Factory merges at once, this head only. */
      direct?: { reason: string; headSha: string };
    }
  /** Puts a ready pull request in its base branch's merge queue (GraphQL `enqueuePullRequest`), for the head Factory checked. */
  | { kind: "enqueuePull"; pull: number; nodeId: string; headSha: string }
  | { kind: "retargetPull"; pull: number; base: string }
  | { kind: "openPullRequest"; head: string; base: string; title: string; body: string }
  | { kind: "deleteBranch"; branch: string }
  | {
      kind: "ensureCheckRun";
      /** The head commit it reports on. */
      headSha: string;
      /** Factory's check run already there (updated in place), if any. */
      existing?: number;
      title: string;
      summary: string;
    }
  /** Asks GitHub to send a webhook delivery to the app again (app-level: the writer is the app itself). */
  | { kind: "redeliver"; /** The attempt's numeric id in the delivery log. */ deliveryId: number; /** `X-GitHub-Delivery`. */ guid: string; /** `name.action`, for words. */ event: string }
  | {
      kind: "closeIssue";
      issue: number;
      reason: "completed" | "not_planned";
    };

/** What the executor did with an action. */
export interface AppliedAction {
  action: Action;
  /**
   * `done`: written now; `exists`: its effect was already there; `refused`:
   * GitHub said no, for a reason the flow reports; `failed`: an error in an
   * action of a unit; `skipped`: not tried, because an earlier action of its
   * unit failed or a compare-and-swap it depended on was refused.
   */
  outcome: "done" | "exists" | "refused" | "failed" | "skipped";
  /** Why GitHub refused, or what failed, for `refused` and `failed`. */
  reason?: string;
  /** Resource created or found (e.g. a comment id), when there is one. */
  id?: number;
  /** The issue number, for `createIssue`. */
  number?: number;
}

/** An action with the numbers of the plan's new issues put in: what the executor performs. */
export type ResolvedAction =
  | Exclude<Action, { kind: "comment" | "addSubIssue" }>
  | (Extract<Action, { kind: "comment" }> & { issue: number })
  | (Extract<Action, { kind: "addSubIssue" }> & { parent: number });
