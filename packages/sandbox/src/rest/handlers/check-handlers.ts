import type { RestContext, RestHandler } from "../rest-context.js";
import type { App, CheckConclusion, CheckOutput, CheckStatus } from "../../store-types.js";
import type { CheckRunFields } from "../../mutations/check-mutations.js";
import { SandboxError } from "../../sandbox-error.js";
import { renderCheckRun } from "../../render/render-check-run.js";
import { renderCheckSuite } from "../../render/render-check-suite.js";
import { resolveRef } from "../../git/resolve-ref.js";

function callingApp(ctx: RestContext): App {
  const identity = ctx.identity;
  if (identity.kind !== "installation") throw new SandboxError({ status: 403, message: "You must authenticate via a GitHub App." });
  return identity.app;
}

function fields(body: Record<string, unknown>): CheckRunFields {
  const date = (value: unknown): Date | undefined => (typeof value === "string" ? new Date(value) : undefined);
  return {
    name: body.name as string | undefined,
    status: body.status as CheckStatus | undefined,
    conclusion: body.conclusion as CheckConclusion | undefined,
    startedAt: date(body.started_at),
    completedAt: date(body.completed_at),
    output: body.output as Partial<CheckOutput> | undefined,
    externalId: body.external_id as string | undefined,
    detailsUrl: body.details_url as string | undefined,
  };
}

/** Check runs and suites. */
export const checkHandlers: Record<string, RestHandler> = {
  "checks/create": (ctx) => {
    const repo = ctx.repo("write");
    const run = ctx.store.ops.checks.create({
      ...fields(ctx.body),
      app: callingApp(ctx),
      repo,
      name: String(ctx.body.name),
      headSha: String(ctx.body.head_sha),
    });
    return { status: 201, body: renderCheckRun({ store: ctx.store, repo, run }) };
  },
  "checks/update": (ctx) => {
    const repo = ctx.repo("write");
    const app = callingApp(ctx);
    const existing = repo.checkRuns.get(ctx.int("check_run_id"));
    if (existing && existing.app?.id !== app.id) throw new SandboxError({ status: 403, message: "Invalid app_id `" + app.id + "` - check run can only be modified by the GitHub App that created it." });
    const run = ctx.store.ops.checks.update({ ...fields(ctx.body), repo, checkRunId: ctx.int("check_run_id") });
    return { status: 200, body: renderCheckRun({ store: ctx.store, repo, run }) };
  },
  "checks/get": (ctx) => {
    const repo = ctx.repo();
    const run = repo.checkRuns.get(ctx.int("check_run_id"));
    if (!run) throw new SandboxError({ status: 404, message: "Not Found" });
    return { status: 200, body: renderCheckRun({ store: ctx.store, repo, run }) };
  },
  "checks/list-for-ref": (ctx) => {
    const repo = ctx.repo();
    const commit = resolveRef({ store: ctx.store, repo, ref: ctx.str("ref") });
    if (!commit) throw new SandboxError({ status: 422, message: `No commit found for SHA: ${ctx.str("ref")}` });
    const name = ctx.optStr("check_name");
    const status = ctx.optStr("status");
    const appId = ctx.optStr("app_id");
    let runs = [...repo.checkRuns.values()].filter(
      (r) =>
        r.headSha === commit.sha &&
        (name === undefined || r.name === name) &&
        (status === undefined || r.status === status) &&
        (appId === undefined || String(r.app?.id ?? 15368) === appId),
    );
    if ((ctx.optStr("filter") ?? "latest") === "latest") {
      const latest = new Map<string, (typeof runs)[number]>();
      for (const run of runs) latest.set(`${run.app?.id ?? 0}:${run.name}`, run);
      runs = [...latest.values()];
    }
    runs.sort((a, b) => b.id - a.id);
    const page = ctx.paginate(runs.map((run) => renderCheckRun({ store: ctx.store, repo, run })));
    return { ...page, body: { total_count: runs.length, check_runs: page.body } };
  },
  "checks/list-suites-for-ref": (ctx) => {
    const repo = ctx.repo();
    const commit = resolveRef({ store: ctx.store, repo, ref: ctx.str("ref") });
    if (!commit) throw new SandboxError({ status: 422, message: `No commit found for SHA: ${ctx.str("ref")}` });
    const suites = [...repo.checkSuites.values()].filter((s) => s.headSha === commit.sha);
    const page = ctx.paginate(suites.map((suite) => renderCheckSuite({ store: ctx.store, repo, suite })));
    return { ...page, body: { total_count: suites.length, check_suites: page.body } };
  },
};
