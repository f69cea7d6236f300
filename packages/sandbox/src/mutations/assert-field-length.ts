import { SandboxError } from "../sandbox-error.js";

/**
 * Throws GitHub's 422 validation error when a text field is longer than
 * `max` characters (Unicode code points, as GitHub counts them).
 */
export function assertFieldLength(params: { field: string; value: string | null | undefined; max: number; resource: string }): void {
  const { value, max } = params;
  if (value === null || value === undefined || value.length <= max) return;
  let codePoints = 0;
  for (const _ of value) codePoints += 1;
  if (codePoints <= max) return;
  throw new SandboxError({
    status: 422,
    message: "Validation Failed",
    errors: [{ resource: params.resource, code: "custom", field: params.field, message: `${params.field} is too long (maximum is ${max} characters)` }],
  });
}
