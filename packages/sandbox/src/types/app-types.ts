/** GitHub Apps, installations and access tokens. See `../store-types.ts` for the conventions. */
import type { Account } from "./account-types.js";

/** A GitHub App registered in the sandbox. */
export interface App {
  id: number;
  nodeId: string;
  clientId: string;
  slug: string;
  name: string;
  description: string | null;
  owner: Account;
  /** PKCS#8 PEM — what the app process is given as `PRIVATE_KEY`. */
  privateKey: string;
  publicKey: string;
  webhookSecret: string;
  permissions: Record<string, "read" | "write" | "admin">;
  events: string[];
  createdAt: Date;
  updatedAt: Date;
  /** The `<slug>[bot]` account installation tokens act as. */
  bot: Account;
}

/** An installation of an app on a user or organisation account. */
export interface Installation {
  id: number;
  nodeId: string;
  appId: number;
  account: Account;
  repositorySelection: "all" | "selected";
  /** Repository ids when the selection is `selected`. */
  repositoryIds: number[];
  permissions: Record<string, "read" | "write" | "admin">;
  events: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** An access token the sandbox accepts. */
export type AccessToken =
  | { kind: "installation"; token: string; installationId: number; expiresAt: Date; repositoryIds: number[] | null }
  | { kind: "user"; token: string; login: string; expiresAt: Date | null };
