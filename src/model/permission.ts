/** Repository roles, weakest first, as GitHub's collaborator API names them. */
export const ROLES = ["none", "read", "triage", "write", "maintain", "admin"] as const;

/** A repository role. */
export type Role = (typeof ROLES)[number];

/** True when `role` is at least `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/**
 * Normalises the collaborator-permission API's answer: `role_name` is the
 * precise role (custom roles fall back to the base `permission`).
 */
export function toRole(answer: { permission?: string | null; role_name?: string | null }): Role {
  const fromName = ROLES.find((role) => role === answer.role_name);
  if (fromName) return fromName;
  return ROLES.find((role) => role === answer.permission) ?? "none";
}
