/** GitHub's timestamp format: ISO 8601 in UTC without milliseconds. */
export function iso(date: Date): string;
/** As above, passing `null` through. */
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
