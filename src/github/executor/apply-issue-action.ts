import type { AppliedAction, ResolvedAction } from "../../model/action.js";
import { isAuthor, isFactoryAuthor, restAuthor } from "../../model/authorship.js";
import { findMarker, renderMarker } from "../../model/markers.js";
import type { ApplyActionsParams } from "./apply-actions-params.js";
import { createOnce } from "./create-once.js";
import { messageSession } from "./agent-session.js";

type IssueAction = Extract<ResolvedAction, { kind: "addReaction" | "comment" | "ensureLabel" | "createIssue" | "addLabels" | "closeIssue" }>;

/** Who writes and where: the executor's inputs an issue write needs. */
type IssueWriter = Pick<ApplyActionsParams, "octokit" | "repo" | "identity" | "asMember" | "agentApis">;

/**
 * The writes on issues and their comments, each ensure-style: a reaction, a
 * marked comment or issue, a label, labels on an issue, closing an issue.
 */
export async function applyIssueAction(params: IssueWriter, action: IssueAction): Promise<AppliedAction> {
  const { octokit, repo } = params;
  switch (action.kind) {
    case "addReaction": {
      // GitHub answers 200 instead of 201 when the reaction already exists, so
      // the request itself is the ensure.
      const response = await octokit.rest.reactions.createForIssueComment({
        ...repo,
        comment_id: action.commentId,
        content: action.content,
      });
      return { action, outcome: response.status === 201 ? "done" : "exists", id: response.data.id };
    }
    case "comment": {
      const existing = await findCommentWithMarker(params, action);
      if (existing !== undefined) return { action, outcome: "exists", id: existing };
      // A request through the agent's own API: the session hears it first, then GitHub records it.
      if (action.session) await messageSession(params.agentApis, action.session);
      const body = `${action.body.trimEnd()}\n\n${renderMarker(action.marker)}\n`;
      const id = await createOnce({
        create: async () => (await octokit.rest.issues.createComment({ ...repo, issue_number: action.issue, body })).data.id,
        landed: () => findCommentWithMarker(params, action),
      });
      return { action, outcome: "done", id };
    }
    case "ensureLabel": {
      try {
        await octokit.rest.issues.createLabel({ ...repo, name: action.name, color: action.color, description: action.description });
        return { action, outcome: "done" };
      } catch (error) {
        // 422 already_exists: someone (or a parallel run) made it first, which is what we wanted.
        if ((error as { status?: number }).status === 422) return { action, outcome: "exists" };
        throw error;
      }
    }
    case "createIssue": {
      const marker = renderMarker(action.marker);
      const body = action.body.includes(marker) ? action.body : `${action.body.trimEnd()}\n\n${marker}\n`;
      // The flow looked for this marker before planning; after an unknown outcome the executor looks again.
      const issue = await createOnce({
        create: async () => {
          const { data } = await octokit.rest.issues.create({ ...repo, title: action.title, body, labels: action.labels });
          return { id: data.id, number: data.number };
        },
        landed: () => findIssueWithMarker(params, action),
      });
      return { action, outcome: "done", ...issue };
    }
    case "addLabels": {
      await octokit.rest.issues.addLabels({ ...repo, issue_number: action.issue, labels: action.labels });
      return { action, outcome: "done" };
    }
    case "closeIssue": {
      // Planned only for an issue the flow saw open; closing a closed issue again would be harmless anyway.
      await octokit.rest.issues.update({ ...repo, issue_number: action.issue, state: "closed", state_reason: action.reason });
      return { action, outcome: "done" };
    }
  }
}

/** Whether Factory's writer for this run (its app, or the member it writes as) wrote a text. */
function byWriter(params: IssueWriter, item: Parameters<typeof restAuthor>[0]): boolean {
  const author = restAuthor(item);
  return params.asMember === undefined ? isFactoryAuthor(author, params.identity) : isAuthor(author, params.asMember);
}

/**
 * The issue an earlier attempt at this action created, if any: one carrying
 * its marker, opened by the same writer. Only the newest issues are read — a
 * write that landed a moment ago is among them.
 * https://docs.github.com/en/rest/issues/issues#list-repository-issues
 */
async function findIssueWithMarker(
  params: IssueWriter,
  action: Extract<ResolvedAction, { kind: "createIssue" }>,
): Promise<{ id: number; number: number } | undefined> {
  const { data } = await params.octokit.rest.issues.listForRepo({ ...params.repo, state: "all", sort: "created", direction: "desc", per_page: 100 });
  const issue = data.find(
    (candidate) => !candidate.pull_request && byWriter(params, candidate) && findMarker(candidate.body, action.marker.kind, action.marker.fields),
  );
  return issue ? { id: issue.id, number: issue.number } : undefined;
}

/**
 * The comment this action already posted, if any: one carrying its marker
 * and written by the same writer (Factory's app, or the member it wrote as).
 * A marker anyone else typed is text, so a forged one never stops a write.
 */
async function findCommentWithMarker(params: IssueWriter, action: Extract<ResolvedAction, { kind: "comment" }>): Promise<number | undefined> {
  const { octokit, repo } = params;
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: action.issue,
    per_page: 100,
    ...(action.since ? { since: action.since } : {}),
  });
  for await (const page of pages) {
    for (const comment of page.data) {
      if (byWriter(params, comment) && findMarker(comment.body, action.marker.kind, action.marker.fields)) return comment.id;
    }
  }
  return undefined;
}
