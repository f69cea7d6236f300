import type { Action, AppliedAction, ResolvedAction } from "../../model/action.js";
import { childrenOf } from "../../model/epic-document.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";
import { autoMergeRefusal } from "../../model/auto-merge-refusal.js";
import { FACTORY_CHECK } from "../../model/factory-check.js";
import { setTicks } from "../../model/set-ticks.js";
import type { Octokit, RepoRef } from "../octokit.js";

type PullAction = Extract<
  ResolvedAction,
  { kind: "removeLabel" | "setTicks" | "resolveThreads" | "updateBranch" | "enableAutoMerge" | "enqueuePull" | "retargetPull" | "openPullRequest" | "deleteBranch" | "ensureCheckRun" }
>;

const status = (error: unknown) => (error as { status?: number }).status;

/** The monitor's writes, each ensure-style: an effect already there is `exists`, not an error. */
export async function applyPullAction(octokit: Octokit, repo: RepoRef, action: PullAction): Promise<AppliedAction> {
  switch (action.kind) {
    case "removeLabel":
      try {
        await octokit.rest.issues.removeLabel({ ...repo, issue_number: action.issue, name: action.label });
        return { action, outcome: "done" };
      } catch (error) {
        if (status(error) === 404) return { action, outcome: "exists" };
        throw error;
      }
    case "setTicks":
      return applyTicks(octokit, repo, action);
    case "resolveThreads":
      for (const thread of action.threads) {
        await octokit.graphql(`mutation FactoryResolve($thread: ID!) { resolveReviewThread(input: { threadId: $thread }) { thread { id } } }`, { thread });
      }
      return { action, outcome: "done" };
    case "updateBranch":
      try {
        await octokit.rest.pulls.updateBranch({ ...repo, pull_number: action.pull, expected_head_sha: action.headSha });
        return { action, outcome: "done" };
      } catch (error) {
        // 422: the head moved or the branch is up to date already; the next pass sees the new state.
        if (status(error) === 422) return { action, outcome: "exists" };
        throw error;
      }
    case "enableAutoMerge":
      try {
        // GitHub would refuse to arm auto-merge for a reason already known: merge now, this head only.
        if (action.direct) return await mergeNow(octokit, repo, action);
        await octokit.graphql(
          `mutation FactoryAutoMerge($pull: ID!, $mergeMethod: PullRequestMergeMethod!) { enablePullRequestAutoMerge(input: { pullRequestId: $pull, mergeMethod: $mergeMethod }) { pullRequest { number } } }`,
          { pull: action.nodeId, mergeMethod: action.method.toUpperCase() },
        );
        return { action, outcome: "done" };
      } catch (error) {
        // GitHub will not arm auto-merge on a pull request that can merge right now, on an unprotected base or where the
        // repository does not allow it: then Factory merges it itself (the per-repository job queue is the merge queue).
        const message = refusalMessage(error);
        const refusal = autoMergeRefusal(message);
        if (refusal === "wait") return { action, outcome: "refused", reason: message };
        if (refusal === "unknown") throw error;
        return await mergeNow(octokit, repo, action);
      }
    case "enqueuePull":
      return enqueuePull(octokit, action);
    case "retargetPull":
      await octokit.rest.pulls.update({ ...repo, pull_number: action.pull, base: action.base });
      return { action, outcome: "done" };
    case "openPullRequest":
      try {
        const { data } = await octokit.rest.pulls.create({ ...repo, head: action.head, base: action.base, title: action.title, body: action.body });
        return { action, outcome: "done", number: data.number, id: data.id };
      } catch (error) {
        if (status(error) === 422) return { action, outcome: "exists" };
        throw error;
      }
    case "ensureCheckRun": {
      // Neutral: the check reports where the pull request stands in the factory; Factory never blocks a merge with it.
      const output = { title: action.title, summary: action.summary };
      if (action.existing !== undefined) {
        await octokit.rest.checks.update({ ...repo, check_run_id: action.existing, status: "completed", conclusion: "neutral", output });
      } else {
        await octokit.rest.checks.create({ ...repo, name: FACTORY_CHECK, head_sha: action.headSha, status: "completed", conclusion: "neutral", output });
      }
      return { action, outcome: "done" };
    }
    case "deleteBranch":
      try {
        await octokit.rest.git.deleteRef({ ...repo, ref: `heads/${action.branch}` });
        return { action, outcome: "done" };
      } catch (error) {
        if (status(error) === 422 || status(error) === 404) return { action, outcome: "exists" };
        throw error;
      }
  }
}

/**
 * Merges the pull request — at the head Factory checked when it merges
 * directly (409 when it moved) — and reports a refusal instead of throwing.
 * A base that requires a merge queue (a ruleset added since Factory read the
 * base's rules) gets the pull request queued instead.
 */
async function mergeNow(octokit: Octokit, repo: RepoRef, action: Extract<ResolvedAction, { kind: "enableAutoMerge" }>): Promise<AppliedAction> {
  try {
    await octokit.rest.pulls.merge({ ...repo, pull_number: action.pull, merge_method: action.method, ...(action.direct ? { sha: action.direct.headSha } : {}) });
    return { action, outcome: "done" };
  } catch (error) {
    if (status(error) === 405 && /merge queue/i.test((error as Error).message)) {
      return { ...(await enqueuePull(octokit, { kind: "enqueuePull", key: action.key, pull: action.pull, nodeId: action.nodeId })), action };
    }
    if (status(error) === 405 || status(error) === 409) return { action, outcome: "refused", reason: (error as Error).message };
    throw error;
  }
}

/**
 * What GitHub said, in its own words: a GraphQL refusal's error messages
 * (Octokit wraps them in "Request failed due to following response
 * errors"), else the error's message.
 */
function refusalMessage(error: unknown): string {
  const errors = (error as { errors?: Array<{ message?: unknown }> }).errors;
  const said = Array.isArray(errors) ? errors.map((e) => (typeof e.message === "string" ? e.message : "")).filter(Boolean) : [];
  return said.length > 0 ? said.join("; ") : ((error as { message?: string }).message ?? "");
}

/**
 * Puts the pull request in its base branch's merge queue
 * (https://docs.github.com/en/graphql/reference/mutations#enqueuepullrequest),
 * only for the head Factory checked. Already queued counts as done; any other
 * refusal (not ready by GitHub's rules yet, the head moved) is reported and
 * the next pass looks again.
 */
async function enqueuePull(octokit: Octokit, action: { kind: "enqueuePull"; key: string; pull: number; nodeId: string; headSha?: string }): Promise<AppliedAction> {
  try {
    await octokit.graphql(
      `mutation FactoryEnqueue($pull: ID!, $head: GitObjectID) { enqueuePullRequest(input: { pullRequestId: $pull, expectedHeadOid: $head }) { mergeQueueEntry { position } } }`,
      { pull: action.nodeId, head: action.headSha ?? null },
    );
    return { action: action as Action, outcome: "done" };
  } catch (error) {
    const message = refusalMessage(error);
    if (/already in the merge queue/i.test(message)) return { action: action as Action, outcome: "exists" };
    if ((error as { errors?: unknown[] }).errors !== undefined || status(error) === 422) return { action: action as Action, outcome: "refused", reason: message };
    throw error;
  }
}

/**
 * Ticks the epic body without losing a concurrent tick: right before each
 * write it re-reads the body and the current state of every child listed in
 * it (one GraphQL query), and writes the whole truth — every closed child
 * ticked, not only the ones this action knew about. So when two merges land
 * together the last writer ticks both. It reads again after writing and
 * tries again if another writer changed the body in between.
 */
async function applyTicks(octokit: Octokit, repo: RepoRef, action: Extract<ResolvedAction, { kind: "setTicks" }>): Promise<AppliedAction> {
  let wrote = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { data } = await octokit.rest.issues.get({ ...repo, issue_number: action.epic });
    const body = data.body ?? "";
    const states = await childStates(octokit, repo, childrenOf(parseEpicBody(body)).map((child) => child.number));
    const want = {
      tick: [...new Set([...action.tick, ...[...states].filter(([, state]) => state === "CLOSED").map(([n]) => n)])],
      untick: action.untick.filter((n) => states.get(n) !== "CLOSED"),
    };
    const next = setTicks(body, want);
    if (next === undefined) return { action, outcome: wrote ? "done" : "exists" };
    await octokit.rest.issues.update({ ...repo, issue_number: action.epic, body: next });
    wrote = true;
    const { data: after } = await octokit.rest.issues.get({ ...repo, issue_number: action.epic });
    if (setTicks(after.body ?? "", want) === undefined) return { action, outcome: "done" };
  }
  throw new Error(`Epic #${action.epic} kept changing while Factory ticked it; run /factory sync`);
}

/** OPEN or CLOSED for each issue, in one query. */
async function childStates(octokit: Octokit, repo: RepoRef, numbers: readonly number[]): Promise<Map<number, string>> {
  if (numbers.length === 0) return new Map();
  const fields = numbers.map((n) => `c${n}: issue(number: ${n}) { number state }`).join(" ");
  const data = await octokit.graphql<{ repository: Record<string, { number: number; state: string } | null> }>(
    `query FactoryChildStates($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`,
    { owner: repo.owner, name: repo.repo },
  );
  const states = new Map<number, string>();
  for (const value of Object.values(data.repository)) if (value) states.set(value.number, value.state);
  return states;
}
