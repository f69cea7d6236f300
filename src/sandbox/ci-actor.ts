import type { Store } from "./store.js";
import type { CheckConclusion, CheckRun } from "./store-types.js";

/**
 * The CI system: check runs reported under GitHub Actions (no sandbox app),
 * which fire `check_run` / `check_suite` webhooks and move PRs between
 * `unstable` and `clean`.
 */
export class CiActor {
  constructor(private readonly store: Store) {}

  /**
   * Reports a finished check run on `sha` (a commit sha or branch name); a
   * run of the same name already in progress there is completed instead.
   */
  complete(params: {
    owner: string;
    repo: string;
    sha: string;
    name: string;
    conclusion: CheckConclusion;
    title?: string;
    summary?: string;
  }): CheckRun {
    const repo = this.store.requireRepo(params.owner, params.repo);
    const headSha = this.resolve(params.owner, params.repo, params.sha);
    const output = { title: params.title ?? params.name, summary: params.summary ?? `${params.name}: ${params.conclusion}` };
    const running = [...repo.checkRuns.values()].find(
      (r) => r.app === null && r.headSha === headSha && r.name === params.name && r.status !== "completed",
    );
    if (running) return this.store.ops.checks.update({ repo, checkRunId: running.id, conclusion: params.conclusion, output });
    return this.store.ops.checks.create({ app: null, repo, headSha, name: params.name, conclusion: params.conclusion, output });
  }

  /** Reports a check run that has started and not finished. */
  start(params: { owner: string; repo: string; sha: string; name: string }): CheckRun {
    const repo = this.store.requireRepo(params.owner, params.repo);
    return this.store.ops.checks.create({
      app: null,
      repo,
      headSha: this.resolve(params.owner, params.repo, params.sha),
      name: params.name,
      status: "in_progress",
    });
  }

  private resolve(owner: string, name: string, shaOrBranch: string): string {
    const repo = this.store.requireRepo(owner, name);
    return repo.refs.get(`refs/heads/${shaOrBranch}`) ?? shaOrBranch;
  }
}
