import { createPublicKey, randomBytes, verify } from "node:crypto";
import type { Store } from "./store.js";
import type { AccessToken, Account, App, Installation } from "./store-types.js";

/** Who a request is made by, as the sandbox understands its `authorization` header. */
export type Identity =
  | { kind: "anonymous" }
  | { kind: "app"; app: App }
  | { kind: "installation"; installation: Installation; app: App; token: AccessToken & { kind: "installation" } }
  | { kind: "user"; account: Account; token: AccessToken & { kind: "user" } };

/** The outcome of reading credentials: an identity, or GitHub's 401 message. */
export type AuthResult = { ok: true; identity: Identity } | { ok: false; message: string };

/** How long an installation token lives: one hour, on the sandbox clock. */
const INSTALLATION_TOKEN_TTL_MS = 60 * 60 * 1000;
/** GitHub refuses app JWTs that expire more than ten minutes ahead. */
const MAX_JWT_LIFETIME_S = 10 * 60;
/** And tolerates this much clock drift on `iat`. */
const CLOCK_SKEW_S = 60;

function tokenString(prefix: string): string {
  return `${prefix}_${randomBytes(27).toString("base64url").replace(/[-_]/g, "x").slice(0, 36)}`;
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Credentials the way GitHub checks them: app JWTs (RS256, signed with the
 * app's key, `iss` the app id or client id, short-lived), installation
 * tokens minted by `POST /app/installations/{id}/access_tokens` (one hour),
 * and user tokens created by the driver for "act as a member".
 */
export class SandboxAuth {
  constructor(private readonly store: Store) {}

  /** Reads an `authorization` header (`bearer <jwt|token>` or `token <token>`). */
  identify(header: string | undefined): AuthResult {
    if (!header) return { ok: true, identity: { kind: "anonymous" } };
    const match = /^(bearer|token)\s+(\S+)\s*$/i.exec(header.trim());
    if (!match) return { ok: false, message: "Bad credentials" };
    const credential = match[2] as string;
    const isJwt = credential.split(".").length === 3;
    if (isJwt && match[1]?.toLowerCase() === "bearer") return this.verifyJwt(credential);
    const token = this.store.tokens.get(credential);
    if (!token) return { ok: false, message: "Bad credentials" };
    if (token.expiresAt && token.expiresAt.getTime() <= this.store.now().getTime()) return { ok: false, message: "Bad credentials" };
    if (token.kind === "user") {
      const account = this.store.account(token.login);
      return account ? { ok: true, identity: { kind: "user", account, token } } : { ok: false, message: "Bad credentials" };
    }
    const installation = this.store.installations.get(token.installationId);
    const app = installation ? this.store.apps.get(installation.appId) : undefined;
    if (!installation || !app) return { ok: false, message: "Bad credentials" };
    return { ok: true, identity: { kind: "installation", installation, app, token } };
  }

  /** Mints an installation token (optionally limited to some repositories by id). */
  mintInstallationToken(params: { installation: Installation; repositoryIds?: number[] }): AccessToken & { kind: "installation" } {
    const token = {
      kind: "installation" as const,
      token: tokenString("ghs"),
      installationId: params.installation.id,
      expiresAt: new Date(this.store.now().getTime() + INSTALLATION_TOKEN_TTL_MS),
      repositoryIds: params.repositoryIds ?? null,
    };
    this.store.tokens.set(token.token, token);
    return token;
  }

  /** Creates a personal token that acts as `login` (no expiry unless given). */
  createUserToken(params: { login: string; expiresAt?: Date }): string {
    const account = this.store.requireAccount(params.login);
    const token: AccessToken = { kind: "user", token: tokenString("ghp"), login: account.login, expiresAt: params.expiresAt ?? null };
    this.store.tokens.set(token.token, token);
    return token.token;
  }

  /** The account a write by this identity is attributed to. */
  actorOf(identity: Identity): Account | undefined {
    switch (identity.kind) {
      case "installation":
        return identity.app.bot;
      case "app":
        return identity.app.bot;
      case "user":
        return identity.account;
      default:
        return undefined;
    }
  }

  private verifyJwt(jwt: string): AuthResult {
    const [headerPart, payloadPart, signaturePart] = jwt.split(".") as [string, string, string];
    const header = decodeSegment(headerPart);
    const claims = decodeSegment(payloadPart);
    if (!header || !claims || header.alg !== "RS256") return { ok: false, message: "A JSON web token could not be decoded" };
    const issuer = claims.iss;
    const app = [...this.store.apps.values()].find((a) => String(a.id) === String(issuer) || a.clientId === issuer);
    if (!app) return { ok: false, message: "Integration not found" };
    const signed = verify(
      "RSA-SHA256",
      Buffer.from(`${headerPart}.${payloadPart}`),
      createPublicKey(app.publicKey),
      Buffer.from(signaturePart, "base64url"),
    );
    if (!signed) return { ok: false, message: "A JSON web token could not be decoded" };
    const now = Math.floor(this.store.now().getTime() / 1000);
    const { exp, iat } = claims;
    if (typeof iat !== "number" || iat > now + CLOCK_SKEW_S) {
      return { ok: false, message: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued." };
    }
    if (typeof exp !== "number" || exp <= now) {
      return {
        ok: false,
        message: "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.",
      };
    }
    if (exp > now + MAX_JWT_LIFETIME_S + CLOCK_SKEW_S || exp - iat > MAX_JWT_LIFETIME_S) {
      return { ok: false, message: "'Expiration time' claim ('exp') is too far in the future." };
    }
    return { ok: true, identity: { kind: "app", app } };
  }
}
