import { ProbotOctokit } from "probot";
import { Sandbox, type SandboxAppCredentials, type SandboxOptions } from "../src/sandbox.js";

/** Octokit as tests should build it: retries and throttling off (the object form would leave throttling on). */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

/** An Octokit instance of {@link TestOctokit}. */
export type TestOctokitInstance = InstanceType<typeof TestOctokit>;

/** A small world: org `acme` (owner `mona`, member `dev`), repo `acme/api`, an outsider, the app installed on `acme`. */
export interface World {
  sandbox: Sandbox;
  app: SandboxAppCredentials;
  installationId: number;
  /** Authenticated as the installation (JWT → installation token), through `sandbox.fetch`. */
  octokit: TestOctokitInstance;
  /** Authenticated as the app itself (JWT). */
  appOctokit: TestOctokitInstance;
  /** An Octokit with a plain token (user token or installation token). */
  withToken(token: string): TestOctokitInstance;
}

/** Seeds the world every sandbox test starts from. */
export function seedWorld(options: SandboxOptions = {}): World {
  const sandbox = new Sandbox(options);
  sandbox.createUser("mona");
  sandbox.createUser("dev");
  sandbox.createUser("outsider");
  sandbox.createOrg("acme", { members: [{ login: "mona", role: "admin" }, { login: "dev", role: "member" }] });
  sandbox.createRepo({ owner: "acme", name: "api", language: "Go", files: { "docs/guide.md": "# Guide\n", "ledger/budget.jsonl": "" } });
  sandbox.addCollaborator({ owner: "acme", repo: "api", login: "dev", permission: "write" });
  const app = sandbox.createApp({ slug: "factory", name: "Factory", webhookSecret: "test-secret" });
  const installationId = sandbox.installApp({ appId: app.id, account: "acme" });
  const request = { fetch: sandbox.fetch };
  return {
    sandbox,
    app,
    installationId,
    octokit: new TestOctokit({ auth: { appId: app.id, privateKey: app.privateKey, installationId }, request }),
    appOctokit: new TestOctokit({ auth: { appId: app.id, privateKey: app.privateKey }, request }),
    withToken: (token) => new TestOctokit({ auth: { token }, request }),
  };
}

/** The HTTP status of a rejected Octokit request (fails the test if it did not reject). */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    return (error as { status: number }).status;
  }
  throw new Error("expected the request to fail");
}

/** The rejection of an Octokit request, with its status, response headers and body. */
export async function failureOf(
  promise: Promise<unknown>,
): Promise<{ status: number; message: string; headers: Record<string, string>; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status: number; message: string; response?: { headers: Record<string, string>; data: Record<string, unknown> } };
    return { status: e.status, message: e.message, headers: e.response?.headers ?? {}, data: e.response?.data ?? {} };
  }
  throw new Error("expected the request to fail");
}
