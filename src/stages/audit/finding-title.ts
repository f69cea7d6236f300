import { fitTitle } from "../../model/fit-title.js";
import type { FindingType } from "./finding.js";

/** Longest description kept in a title; GitHub allows 256 characters, lists show about 70. */
export const MAX_DESCRIPTION = 72;

/** Longest component kept in a title's scope: a directory name can be far longer than a title. */
export const MAX_COMPONENT = 40;

/**
 * `type(scope): description`, the conventional-commit shape SPEC §1.1 asks
 * for; `type: description` when the finding names no place (a scope of
 * "repo" says nothing). The description starts lower-case when it opens with
 * a plain capitalised word ("Missing …" → "missing …"), never when it opens
 * with an identifier (`addToCart`, `UserService`) or an acronym ("SQL"); an
 * ALL-CAPS heading is put in sentence case, keeping acronyms; it is cut on a
 * word boundary with "…"; a long scope is cut at a hyphen, and the whole
 * stays within GitHub's 256 characters.
 */
export function findingTitle(params: { type: FindingType | "feat"; component: string; summary: string }): string {
  // A scope that says nothing more than the type (`docs(docs)`) or nothing at all (`repo`) is left out.
  const scope = ["", "repo", params.type].includes(params.component) ? "" : `(${shortComponent(params.component)})`;
  return fitTitle(`${params.type}${scope}: ${shortDescription(params.summary)}`);
}

/** The component as a title's scope: `very-long-directory-name…` past {@link MAX_COMPONENT} characters. */
export function shortComponent(component: string): string {
  if (component.length <= MAX_COMPONENT) return component;
  const cut = component.slice(0, MAX_COMPONENT - 1);
  const hyphen = cut.lastIndexOf("-");
  return `${(hyphen > MAX_COMPONENT / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, "")}…`;
}

/** Words kept in capitals when an ALL-CAPS heading is put in sentence case. */
const ACRONYMS = new Set(
  "API APIS SQL XSS CSRF SSRF XXE RCE IDOR JWT JSON YAML XML HTML CSS HTTP HTTPS URL URLS URI ID IDS DB TLS SSL SSH AWS GCP CI CD CORS CSP DOS DDOS OAUTH SAML LDAP PII GDPR MFA 2FA OTP TOTP UI UX CLI SDK ORM DNS IP TCP UDP S3 IAM RBAC ACL CVE CWE OWASP N+1 MD5 SHA SHA1 SHA256 AES RSA HMAC UUID PR PRS README TODO".split(" "),
);

/** An ALL-CAPS text (at least three words, no lower-case letter) in sentence case, acronyms kept. */
function sentenceCase(text: string): string {
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length < 8 || /\p{Ll}/u.test(letters) || text.trim().split(/\s+/).length < 3) return text;
  const lowered = text.replace(/[\p{L}\p{N}+]+/gu, (word) => (ACRONYMS.has(word) ? word : word.toLowerCase()));
  return lowered;
}

/** Whether `word` reads as an identifier or an acronym rather than a plain word: `addToCart`, `UserService`, `SQL`, `x2`. */
function isIdentifier(word: string): boolean {
  if (word === "A") return false;
  return /\p{Lu}/u.test(word.slice(1)) || /[\d_$]/.test(word) || /^\p{Lu}+$/u.test(word);
}

/** The description part of a title. */
export function shortDescription(summary: string): string {
  let text = sentenceCase(summary.replace(/\s+/g, " ").trim().replace(/[.:;,]+$/, ""));
  const first = /^[\p{L}\p{N}_$]+/u.exec(text)?.[0] ?? "";
  if (/^\p{Lu}/u.test(first) && !isIdentifier(first)) text = text.charAt(0).toLowerCase() + text.slice(1);
  if (text.length <= MAX_DESCRIPTION) return text || "untitled finding";
  const cut = text.slice(0, MAX_DESCRIPTION);
  const space = cut.lastIndexOf(" ");
  return `${(space > MAX_DESCRIPTION / 3 ? cut.slice(0, space) : cut).replace(/[\s.:;,([-]+$/, "")}…`;
}
