/**
 * Probot falls back to the webhook secret `development` when WEBHOOK_SECRET
 * is unset, which would let anyone forge webhooks to a production install.
 * Refuse to start instead.
 */
export function assertSafeEnvironment(env: NodeJS.ProcessEnv): void {
  if (env.NODE_ENV !== "production") return;
  const secret = env.WEBHOOK_SECRET;
  if (!secret || secret === "development" || secret.length < 16) {
    throw new Error(
      "Refusing to start: NODE_ENV=production needs a real WEBHOOK_SECRET (at least 16 characters, not 'development'). " +
        "Set it to the secret configured on the GitHub App.",
    );
  }
}
