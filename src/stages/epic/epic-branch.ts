/** The branch of an epic: `<prefix><number>-<slug>` (SPEC §1.2), e.g. `epic/42-security`. */
export function epicBranch(params: { prefix: string; /** The number, or a placeholder for an epic not made yet (`refText`). */ number: number | string; slug: string | undefined }): string {
  const slug = (params.slug ?? "epic").toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "epic";
  return `${params.prefix}${params.number}-${slug}`;
}
