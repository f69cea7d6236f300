import { identityFromSlug, type FactoryIdentity } from "../model/authorship.js";

/** Gives Factory's identity, asking GitHub once. */
export type IdentitySource = () => Promise<FactoryIdentity>;

/**
 * Factory's own identity, read once from `GET /app` with the app's JWT
 * (https://docs.github.com/en/rest/apps/apps#get-the-authenticated-app):
 * its slug names the bot account every issue and comment it writes is
 * authored by. A failed read is not remembered, so the next job asks again.
 */
export function appIdentity(auth: () => Promise<unknown>): IdentitySource {
  let pending: Promise<FactoryIdentity> | undefined;
  return () => {
    pending ??= (async () => {
      const octokit = (await auth()) as { request: (route: string) => Promise<{ data: { id: number; slug?: string } | null }> };
      const { data } = await octokit.request("GET /app");
      if (!data?.slug) throw new Error("GitHub did not say which app Factory is (GET /app gave no slug)");
      return identityFromSlug(data.slug, data.id);
    })().catch((error: unknown) => {
      pending = undefined;
      throw new Error("Could not read Factory's own identity from GitHub", { cause: error });
    });
    return pending;
  };
}

/** A fixed identity, for the command-line tool (told the app's slug) and tests. */
export function fixedIdentity(identity: FactoryIdentity): IdentitySource {
  return () => Promise.resolve(identity);
}
