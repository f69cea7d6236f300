import type { Store } from "./store.js";
import type { Repo } from "./store-types.js";
import { renderIssue } from "./render/render-issue.js";
import { renderComment } from "./render/render-comment.js";
import { renderReaction } from "./render/render-reaction.js";
import { renderPull } from "./render/render-pull.js";
import { renderLabel } from "./render/render-label.js";
import { iso } from "./render/iso.js";

/** A rendered comment, typed just enough for assertions. */
export type InspectedComment = Record<string, unknown> & { id: number; body: string; user: { login: string } };
/** A rendered reaction, typed just enough for assertions. */
export type InspectedReaction = Record<string, unknown> & { id: number; content: string; user: { login: string } };

/**
 * Read-only views of the sandbox for assertions, in GitHub's REST shapes,
 * plus a plain-JSON snapshot of the whole state.
 */
export class SandboxInspector {
  constructor(private readonly store: Store) {}

  /** Issue (or PR) `number`, as `GET /issues/{n}` returns it. */
  issue(owner: string, repo: string, number: number): Record<string, unknown> & { number: number; state: string; title: string; body: string | null } {
    const r = this.store.requireRepo(owner, repo);
    return renderIssue({ store: this.store, repo: r, issue: this.store.requireIssue(r, number) }) as ReturnType<SandboxInspector["issue"]>;
  }

  /** All issues and PRs of a repository, by number. */
  issues(owner: string, repo: string): ReturnType<SandboxInspector["issue"]>[] {
    const r = this.store.requireRepo(owner, repo);
    return [...r.issues.keys()].sort((a, b) => a - b).map((n) => this.issue(owner, repo, n));
  }

  /** Pull request `number`, as `GET /pulls/{n}` returns it. */
  pull(owner: string, repo: string, number: number): Record<string, unknown> {
    const r = this.store.requireRepo(owner, repo);
    return renderPull({ store: this.store, repo: r, pull: this.store.requirePull(r, number) });
  }

  /** The comments on an issue or PR, oldest first. */
  comments(owner: string, repo: string, number: number): InspectedComment[] {
    const r = this.store.requireRepo(owner, repo);
    return this.store.commentsOf(r, number).map((comment) => renderComment({ store: this.store, repo: r, comment }) as InspectedComment);
  }

  /** Reactions on an issue/PR (`{ issue }`) or a comment (`{ commentId }`). */
  reactions(owner: string, repo: string, target: { issue: number } | { commentId: number }): InspectedReaction[] {
    const r = this.store.requireRepo(owner, repo);
    const on = "issue" in target ? { kind: "issue" as const, number: target.issue } : { kind: "comment" as const, commentId: target.commentId };
    return this.store.ops.reactions.listOf(r, on).map((reaction) => renderReaction(reaction) as InspectedReaction);
  }

  /** Repository labels. */
  labels(owner: string, repo: string): Record<string, unknown>[] {
    const r = this.store.requireRepo(owner, repo);
    return [...r.labels.values()].map((label) => renderLabel({ repo: r, label }));
  }

  /** Branches and their head shas, sorted by name. */
  branches(owner: string, repo: string): { name: string; sha: string }[] {
    const r = this.store.requireRepo(owner, repo);
    return [...r.refs]
      .filter(([ref]) => ref.startsWith("refs/heads/"))
      .map(([ref, sha]) => ({ name: ref.slice("refs/heads/".length), sha }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** A file's text on a branch, or undefined when the branch or file is missing. */
  file(owner: string, repo: string, branch: string, path: string): string | undefined {
    const r = this.store.requireRepo(owner, repo);
    const sha = r.refs.get(`refs/heads/${branch}`);
    const blob = sha ? this.store.commits.get(sha)?.tree.get(path) : undefined;
    return blob ? this.store.blobs.get(blob)?.content.toString("utf8") : undefined;
  }

  /** Everything, as plain JSON (for the demo's `--json` and for debugging); issues, comments, PRs and check runs are flat lists naming their repository. */
  snapshot(): SandboxSnapshot {
    const store = this.store;
    const repos = [...store.reposById.values()];
    const name = (repo: Repo): string => `${repo.owner.login}/${repo.name}`;
    const reactions = (list: { user: { login: string }; content: string }[]): string[] => list.map((r) => `${r.user.login}:${r.content}`);
    return {
      now: iso(store.now()),
      accounts: [...store.accountsById.values()].map((a) => ({
        login: a.login,
        id: a.id,
        type: a.type,
        ...(a.type === "Organization" ? { members: Object.fromEntries(a.members) } : {}),
      })),
      apps: [...store.apps.values()].map((a) => ({ id: a.id, slug: a.slug, name: a.name })),
      installations: [...store.installations.values()].map((i) => ({ id: i.id, appId: i.appId, account: i.account.login, repositorySelection: i.repositorySelection })),
      repositories: repos.map((repo) => {
        const head = store.commits.get(repo.refs.get(`refs/heads/${repo.defaultBranch}`) ?? "");
        return {
          fullName: name(repo),
          defaultBranch: repo.defaultBranch,
          private: repo.private,
          language: repo.language,
          collaborators: Object.fromEntries(repo.collaborators),
          branches: Object.fromEntries(this.branches(repo.owner.login, repo.name).map((b) => [b.name, b.sha])),
          files: head ? [...head.tree.keys()].sort() : [],
          labels: [...repo.labels.values()].map((l) => ({ name: l.name, color: l.color, description: l.description })),
        };
      }),
      issues: repos.flatMap((repo) =>
        [...repo.issues.values()].map((i) => ({
          repo: name(repo),
          number: i.number,
          id: i.id,
          kind: i.isPullRequest ? ("pull_request" as const) : ("issue" as const),
          title: i.title,
          state: i.state,
          stateReason: i.stateReason,
          author: i.author.login,
          labels: i.labels.map((l) => l.name),
          assignees: i.assignees.map((a) => a.login),
          parent: i.parentId === null ? null : (store.issuesById.get(i.parentId)?.number ?? null),
          subIssues: i.subIssueIds.map((id) => store.issuesById.get(id)?.number ?? null),
          blockedBy: i.blockedByIds.map((id) => store.issuesById.get(id)?.number ?? null),
          blocking: i.blockingIds.map((id) => store.issuesById.get(id)?.number ?? null),
          reactions: reactions(i.reactions),
          body: i.body,
        })),
      ),
      comments: repos.flatMap((repo) =>
        [...repo.comments.values()].map((c) => ({ repo: name(repo), id: c.id, issue: c.issueNumber, author: c.author.login, body: c.body, reactions: reactions(c.reactions) })),
      ),
      pulls: repos.flatMap((repo) =>
        [...repo.pulls.values()].map((p) => ({
          repo: name(repo),
          number: p.number,
          head: p.head.ref,
          headSha: p.head.sha,
          base: p.base.ref,
          draft: p.draft,
          merged: p.merged,
          mergeableState: p.mergeableState,
          autoMerge: p.autoMerge ? p.autoMerge.mergeMethod : null,
          reviews: p.reviews.map((r) => `${r.user.login}:${r.state}`),
          threads: p.threads.map((t) => ({ id: t.id, path: t.path, resolved: t.isResolved, commit: t.commitId })),
        })),
      ),
      checkRuns: repos.flatMap((repo) =>
        [...repo.checkRuns.values()].map((r) => ({ repo: name(repo), name: r.name, headSha: r.headSha, status: r.status, conclusion: r.conclusion, app: r.app?.slug ?? "github-actions" })),
      ),
      statuses: repos.flatMap((repo) =>
        [...repo.statuses.values()].map((s) => ({ repo: name(repo), context: s.context, sha: s.sha, state: s.state, creator: s.creator.login })),
      ),
    };
  }
}

/** The plain-JSON picture of the sandbox `snapshot()` returns. */
export interface SandboxSnapshot {
  now: string;
  accounts: { login: string; id: number; type: string; members?: Record<string, string> }[];
  apps: { id: number; slug: string; name: string }[];
  installations: { id: number; appId: number; account: string; repositorySelection: string }[];
  repositories: {
    fullName: string;
    defaultBranch: string;
    private: boolean;
    language: string | null;
    collaborators: Record<string, string>;
    branches: Record<string, string>;
    files: string[];
    labels: { name: string; color: string; description: string | null }[];
  }[];
  issues: {
    repo: string;
    number: number;
    id: number;
    kind: "issue" | "pull_request";
    title: string;
    state: string;
    stateReason: string | null;
    author: string;
    labels: string[];
    assignees: string[];
    parent: number | null;
    subIssues: (number | null)[];
    /** Numbers of the issues blocking this one (they may be in another repository). */
    blockedBy: (number | null)[];
    /** Numbers of the issues this one blocks. */
    blocking: (number | null)[];
    reactions: string[];
    body: string | null;
  }[];
  comments: { repo: string; id: number; issue: number; author: string; body: string; reactions: string[] }[];
  pulls: {
    repo: string;
    number: number;
    head: string;
    headSha: string;
    base: string;
    draft: boolean;
    merged: boolean;
    mergeableState: string;
    autoMerge: string | null;
    reviews: string[];
    threads: { id: number; path: string; resolved: boolean; commit: string }[];
  }[];
  checkRuns: { repo: string; name: string; headSha: string; status: string; conclusion: string | null; app: string }[];
  /** Every commit status posted, oldest first. */
  statuses: { repo: string; context: string; sha: string; state: string; creator: string }[];
}
