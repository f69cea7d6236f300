/** Label names from a request body, which GitHub accepts as strings or `{ name }` objects. */
export function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item) => (typeof item === "string" ? item : (item as { name?: unknown } | null)?.name))
    .filter((name): name is string => typeof name === "string");
}
