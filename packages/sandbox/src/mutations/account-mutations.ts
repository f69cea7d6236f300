import { randomBytes } from "node:crypto";
import type { Store } from "../store.js";
import type { Account, AccountType, App, Installation, OrgRole, Permission, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { installationPayload } from "../webhooks/installation-payload.js";
import { appKeyPair } from "./app-key-pool.js";
import { defaultMergeSettings } from "./protection-mutations.js";

/** The labels GitHub puts in every new repository. */
const DEFAULT_LABELS: { name: string; color: string; description: string }[] = [
  { name: "bug", color: "d73a4a", description: "Something isn't working" },
  { name: "documentation", color: "0075ca", description: "Improvements or additions to documentation" },
  { name: "duplicate", color: "cfd3d7", description: "This issue or pull request already exists" },
  { name: "enhancement", color: "a2eeef", description: "New feature or request" },
  { name: "good first issue", color: "7057ff", description: "Good for newcomers" },
  { name: "help wanted", color: "008672", description: "Extra attention is needed" },
  { name: "invalid", color: "e4e669", description: "This doesn't seem right" },
  { name: "question", color: "d876e3", description: "Further information is requested" },
  { name: "wontfix", color: "ffffff", description: "This will not be worked on" },
];

const DEFAULT_APP_PERMISSIONS: Record<string, "read" | "write"> = {
  issues: "write",
  pull_requests: "write",
  contents: "write",
  checks: "write",
  // As Factory's app.yml asks: reading CI that reports through commit statuses.
  statuses: "read",
  metadata: "read",
  members: "read",
};

const DEFAULT_APP_EVENTS = [
  "issues",
  "issue_comment",
  "label",
  "pull_request",
  "pull_request_review",
  "pull_request_review_thread",
  "check_run",
  "check_suite",
  "status",
  "push",
  "sub_issues",
];

/** Creates accounts, repositories, apps and installations (the seeding writes). */
export class AccountMutations {
  constructor(private readonly store: Store) {}

  /** Creates a user (or bot) account; a second call with the same login returns the first. */
  createUser(params: { login: string; type?: Extract<AccountType, "User" | "Bot">; name?: string }): Account {
    const existing = this.store.account(params.login);
    if (existing) return existing;
    const type = params.type ?? "User";
    return this.addAccount({ login: params.login, type, name: params.name ?? null });
  }

  /** Creates an organisation with its members (created as users when missing). */
  createOrg(params: { login: string; members?: { login: string; role?: OrgRole }[] }): Account {
    const org = this.store.account(params.login) ?? this.addAccount({ login: params.login, type: "Organization", name: null });
    if (org.type !== "Organization") throw new Error(`sandbox: ${params.login} is a ${org.type}, not an organisation`);
    for (const member of params.members ?? []) {
      this.createUser({ login: member.login });
      org.members.set(member.login.toLowerCase(), member.role ?? "member");
    }
    return org;
  }

  /** Creates a repository with GitHub's default labels and an initial commit holding `files`. */
  createRepo(params: {
    owner: string;
    name: string;
    defaultBranch?: string;
    language?: string | null;
    private?: boolean;
    description?: string | null;
    files?: Record<string, string>;
  }): Repo {
    const owner = this.store.requireAccount(params.owner);
    if (this.store.repo(params.owner, params.name)) {
      throw new SandboxError({
        status: 422,
        message: "Repository creation failed.",
        errors: [{ resource: "Repository", code: "custom", field: "name", message: "name already exists on this account" }],
      });
    }
    const id = this.store.nextId();
    const now = this.store.now();
    const repo: Repo = {
      id,
      nodeId: this.store.nodeId("R", id),
      owner,
      name: params.name,
      private: params.private ?? false,
      defaultBranch: params.defaultBranch ?? "main",
      language: params.language ?? null,
      description: params.description ?? null,
      createdAt: now,
      updatedAt: now,
      pushedAt: now,
      refs: new Map(),
      labels: new Map(),
      issues: new Map(),
      pulls: new Map(),
      comments: new Map(),
      collaborators: new Map(),
      checkSuites: new Map(),
      checkRuns: new Map(),
      statuses: new Map(),
      nextNumber: 1,
      mergeSettings: defaultMergeSettings(this.store.profile),
      protections: new Map(),
      rulesets: new Map(),
      mergeQueues: new Map(),
    };
    this.store.repos.set(`${owner.login}/${repo.name}`.toLowerCase(), repo);
    this.store.reposById.set(id, repo);
    this.store.register({ kind: "Repository", value: repo });
    for (const label of DEFAULT_LABELS) {
      this.store.ops.labels.insert({ repo, ...label, isDefault: true });
    }
    const commit = this.store.ops.git.writeCommit({
      parent: null,
      changes: { "README.md": `# ${repo.name}\n`, ...params.files },
      message: "Initial commit",
      author: owner,
    });
    repo.refs.set(`refs/heads/${repo.defaultBranch}`, commit.sha);
    return repo;
  }

  /** Gives `login` an explicit permission on a repository. */
  addCollaborator(params: { owner: string; repo: string; login: string; permission: Permission }): void {
    const repo = this.store.requireRepo(params.owner, params.repo);
    const user = this.createUser({ login: params.login });
    repo.collaborators.set(user.login.toLowerCase(), params.permission);
  }

  /** Registers a GitHub App with a fresh RSA key pair and its `<slug>[bot]` account. */
  createApp(params: {
    slug: string;
    name?: string;
    owner?: string;
    webhookSecret?: string;
    permissions?: Record<string, "read" | "write" | "admin">;
    events?: string[];
  }): App {
    const { privateKey, publicKey } = appKeyPair(this.store.apps.size);
    const owner = params.owner
      ? this.store.requireAccount(params.owner)
      : this.createUser({ login: `${params.slug}-owner` });
    const id = this.store.nextId();
    const now = this.store.now();
    const app: App = {
      id,
      nodeId: this.store.nodeId("A", id),
      clientId: `Iv1.${randomBytes(8).toString("hex")}`,
      slug: params.slug,
      name: params.name ?? params.slug,
      description: null,
      owner,
      privateKey,
      publicKey,
      webhookSecret: params.webhookSecret ?? randomBytes(20).toString("hex"),
      permissions: params.permissions ?? DEFAULT_APP_PERMISSIONS,
      events: params.events ?? DEFAULT_APP_EVENTS,
      createdAt: now,
      updatedAt: now,
      bot: this.addAccount({ login: `${params.slug}[bot]`, type: "Bot", name: params.name ?? params.slug }),
    };
    this.store.apps.set(id, app);
    this.store.register({ kind: "App", value: app });
    return app;
  }

  /** Installs an app on an account (all repositories unless `repositories` names some) and emits `installation.created`. */
  installApp(params: { appId: number; account: string; repositories?: string[]; sender?: string }): Installation {
    const app = this.store.apps.get(params.appId);
    if (!app) throw new SandboxError({ status: 404, message: "Not Found" });
    const account = this.store.requireAccount(params.account);
    const repos = [...this.store.reposById.values()].filter(
      (r) => r.owner.id === account.id && (!params.repositories || params.repositories.includes(r.name)),
    );
    const id = this.store.nextId();
    const now = this.store.now();
    const installation: Installation = {
      id,
      nodeId: this.store.nodeId("IN", id),
      appId: app.id,
      account,
      repositorySelection: params.repositories ? "selected" : "all",
      repositoryIds: repos.map((r) => r.id),
      permissions: app.permissions,
      events: app.events,
      createdAt: now,
      updatedAt: now,
    };
    this.store.installations.set(id, installation);
    this.store.register({ kind: "Installation", value: installation });
    const sender = params.sender ? this.store.requireAccount(params.sender) : this.ownerOf(account);
    this.store.emit(installationPayload({ app, installation, repos, sender }));
    return installation;
  }

  private ownerOf(account: Account): Account {
    if (account.type !== "Organization") return account;
    const admin = [...account.members].find(([, role]) => role === "admin");
    return (admin && this.store.account(admin[0])) ?? account;
  }

  private addAccount(params: { login: string; type: AccountType; name: string | null }): Account {
    const id = this.store.nextId();
    const prefix = params.type === "Organization" ? "O" : params.type === "Bot" ? "BOT" : "U";
    const account: Account = {
      id,
      nodeId: this.store.nodeId(prefix, id),
      login: params.login,
      type: params.type,
      name: params.name,
      email: params.type === "User" ? `${params.login}@users.noreply.github.com` : null,
      createdAt: this.store.now(),
      members: new Map(),
    };
    this.store.accounts.set(params.login.toLowerCase(), account);
    this.store.accountsById.set(id, account);
    this.store.register({ kind: "Account", value: account });
    return account;
  }
}
