import type { Command } from "commander";
import { ProbotOctokit } from "probot";
import { buildProgram, type CliDeps } from "../../src/cli/build-program.js";
import { quietLogger } from "../../src/cli/quiet-logger.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { Config } from "../../src/config/schema.js";
import { seedDemo, type DemoWorld } from "../../demo/seed-demo.js";
import { runAudit } from "../../src/stages/audit/run-audit.js";
import { runDispatch } from "../../src/stages/dispatch/run-dispatch.js";
import { runEpics } from "../../src/stages/epic/run-epics.js";
import type { EpicPhase } from "../../src/model/epic-document.js";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import type { Octokit } from "../../src/github/octokit.js";

/** The sandbox app's bot: the author of everything Factory writes. */
const FACTORY = { login: "factory[bot]" };
import { Sandbox } from "@factory/sandbox";

/** What a run of the `factory` program printed, and the error it ended with. */
export interface CliRun {
  out: string;
  err: string;
  error?: Error;
}

/** A seeded demo sandbox served over loopback HTTP, and the `factory` program pointed at it. */
export interface CliSandbox {
  sandbox: Sandbox;
  world: DemoWorld;
  apiUrl: string;
  /** The environment the CLI gets: mona's token and the sandbox's API URL. */
  env: NodeJS.ProcessEnv;
  /** Runs `factory …` in-process with `env` (default: mona's token); `tty` draws the progress line. */
  run(args: string[], options?: { env?: NodeJS.ProcessEnv; tty?: boolean; deps?: Partial<CliDeps> }): Promise<CliRun>;
  /** The app's own client (installation token, in-process), to set the stage through the flows. */
  app: Octokit;
  config(): Promise<Config>;
  /** Runs the audits and groups their issues into epics, as `/factory audit all` then `/factory epic` would; returns the epics made. */
  makeEpic(): Promise<number[]>;
  /** `/factory dispatch next` on an epic, through the flow. */
  dispatchNext(epic: number): Promise<void>;
  /** The first epic {@link makeEpic} makes, with phase 1 dispatched, and its phases as its body lists them. */
  dispatchedEpic(): Promise<{ epic: number; phases: EpicPhase[] }>;
  close(): Promise<void>;
}

const AppOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

/** Starts a demo sandbox on loopback; close it after each test. */
export async function startCliSandbox(): Promise<CliSandbox> {
  const sandbox = new Sandbox({ profile: "production", mergeabilityDelayMs: 0 });
  const world = seedDemo(sandbox);
  const { apiUrl } = await sandbox.listen();
  // JULES_TOKEN: the organisation's file triggers Jules with it (Jules ignores labels added by apps), as in the demo.
  const env = { GITHUB_TOKEN: sandbox.createUserToken("mona"), GITHUB_API_URL: apiUrl, JULES_TOKEN: sandbox.createUserToken("mona") };
  const app = new AppOctokit({
    auth: { appId: world.app.id, privateKey: world.app.privateKey, installationId: world.installationId },
    request: { fetch: sandbox.fetch },
  }) as unknown as Octokit;
  const repo = { owner: world.org, repo: world.repo };
  const log = quietLogger();
  const config = async () => {
    const loaded = await loadConfig({ octokit: app, ...repo });
    if (!loaded.ok) throw new Error(loaded.error.message);
    return loaded.config;
  };
  const cli: CliSandbox = {
    sandbox,
    world,
    apiUrl,
    env,
    app,
    config,
    async run(args, options = {}) {
      let out = "";
      let err = "";
      const tty = options.tty === true;
      const program = buildProgram(
        { out: { write: (t: string) => (out += t), isTTY: tty }, err: { write: (t: string) => (err += t), isTTY: tty, columns: 200 } },
        { env: options.env ?? env, ...options.deps },
      );
      const exitOverride = (command: Command): void => {
        command.exitOverride();
        command.commands.forEach(exitOverride);
      };
      exitOverride(program);
      try {
        await program.parseAsync(["node", "factory", ...args]);
        return { out, err };
      } catch (error) {
        return { out, err, error: error as Error };
      }
    },
    async makeEpic() {
      const cfg = await config();
      await runAudit({ octokit: app, repo, config: cfg, identity: FACTORY, target: { kind: "all" }, dryRun: false, language: "Go", log });
      const outcome = await runEpics({ octokit: app, repo, config: cfg, identity: FACTORY, dryRun: false, now: new Date(), log });
      return outcome.created.map((epic) => epic.number);
    },
    async dispatchedEpic() {
      const [epic] = (await cli.makeEpic()) as [number];
      await cli.dispatchNext(epic);
      return { epic, phases: parseEpicBody(sandbox.issue("acme", "api", epic).body ?? "").phases };
    },
    async dispatchNext(epic) {
      await runDispatch({
        octokit: app,
        repo,
        identity: FACTORY,
        config: await config(),
        issue: epic,
        target: { kind: "next" },
        dryRun: false,
        now: new Date(),
        delivery: "test-dispatch",
        defaultBranch: "main",
        env,
        userOctokit: (token) => new AppOctokit({ auth: { token }, request: { fetch: sandbox.fetch } }) as unknown as Octokit,
        log,
      });
    },
    close: () => sandbox.close(),
  };
  return cli;
}

/** The sandbox's state without its clock, to compare before and after a read-only command. */
export function stateOf(sandbox: Sandbox): Omit<ReturnType<Sandbox["snapshot"]>, "now"> {
  const { now: _now, ...rest } = sandbox.snapshot();
  return rest;
}
