import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Sandbox } from "@factory/sandbox";

/** The demo world: who is who and where things are. */
export interface DemoWorld {
  org: string;
  repo: string;
  maintainer: string;
  visitor: string;
  app: { id: number; slug: string; privateKey: string; webhookSecret: string };
  installationId: number;
  audits: number[];
}

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/configs/${name}`, import.meta.url)), "utf8");

/**
 * Seeds an organisation `acme` whose `.github` repository holds the shared
 * config, a repository `acme/api` whose own `.github/factory.yml` extends it,
 * two audit issues, a maintainer with write access, a visitor with read
 * access, and Factory installed on the organisation (after the audits).
 */
export function seedDemo(sandbox: Sandbox, options: { webhookSecret?: string; repoConfig?: string; orgConfig?: string } = {}): DemoWorld {
  const org = "acme";
  const repo = "api";
  sandbox.createUser("mona");
  sandbox.createUser("visitor");
  sandbox.createOrg(org, { members: [{ login: "mona", role: "member" }] });
  sandbox.createRepo({ owner: org, name: ".github", files: { ".github/factory.yml": options.orgConfig ?? fixture("demo-org.yml") } });
  sandbox.createRepo({
    owner: org,
    name: repo,
    language: "Go",
    files: {
      "README.md": "# api\n",
      ".github/factory.yml": options.repoConfig ?? fixture("demo-repo.yml"),
      "internal/server/webhook.go": "package server\n",
    },
  });
  sandbox.addCollaborator({ owner: org, repo, login: "mona", permission: "write" });
  sandbox.addCollaborator({ owner: org, repo, login: "visitor", permission: "read" });
  const app = sandbox.createApp({
    slug: "factory",
    name: "Factory",
    webhookSecret: options.webhookSecret ?? "demo-webhook-secret-0123456789",
  });
  const audits = [
    sandbox.as("mona").createIssue({
      owner: org,
      repo,
      title: "[Audit] Security review of the webhook server",
      body: [
        "## Findings",
        "",
        "### 1. No rate limiting on the webhook endpoint (high)",
        "`internal/server/webhook.go:42` accepts unlimited requests.",
        "",
        "### 2. Secrets logged at debug level (critical)",
        "`internal/server/log.go:17` prints the signing secret.",
      ].join("\n"),
    }).number,
    sandbox.as("mona").createIssue({
      owner: org,
      repo,
      title: "audit: test coverage of the API handlers",
      body: "- [ ] `internal/api/users.go` has no tests (medium)\n- [ ] `internal/api/orgs.go` has no tests (medium)\n",
    }).number,
  ];
  // Installed after the audits were opened: GitHub sent Factory nothing about them, so nothing is redelivered at start-up,
  // and the maintainer's commands below are what starts the work.
  const installationId = sandbox.installApp({ appId: app.id, account: org });
  return { org, repo, maintainer: "mona", visitor: "visitor", app, installationId, audits };
}
