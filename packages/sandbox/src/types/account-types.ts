/** Accounts: users, bots, organisations, and permission levels. See `../store-types.ts` for the conventions. */

/** The kind of an account, as GitHub's `type` field spells it. */
export type AccountType = "User" | "Bot" | "Organization";

/** A user, bot or organisation. */
export interface Account {
  id: number;
  nodeId: string;
  login: string;
  type: AccountType;
  name: string | null;
  email: string | null;
  createdAt: Date;
  /** Organisations only: member login (lower-case) → role. */
  members: Map<string, OrgRole>;
}

/** A member's role in an organisation; owners (`admin`) are repo admins everywhere. */
export type OrgRole = "admin" | "member";

/** Repository permission levels, as `collaborators/{username}/permission` reports them. */
export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";
