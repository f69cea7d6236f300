import { pacingScale } from "./github/pacing-scale.js";

/** The shortest webhook secret accepted in production. */
const MIN_SECRET_LENGTH = 16;

/**
 * Probot falls back to the webhook secret `development` when WEBHOOK_SECRET
 * is unset, which would let anyone forge webhooks to a production install.
 * Refuse to start instead, in one line: what is wrong; how to fix it.
 */
export function assertSafeEnvironment(env: NodeJS.ProcessEnv): void {
  // Outside production too, a malformed scale is refused here rather than at the first write.
  const scale = pacingScale(env);
  if (env.NODE_ENV !== "production") return;
  if (scale !== 1) {
    throw new Error("Refusing to start: FACTORY_PACING_SCALE speeds up the pacing of writes for the demo's sandbox only; unset it with NODE_ENV=production, where writes go to GitHub at the pace it asks");
  }
  const secret = env.WEBHOOK_SECRET;
  const wrong = !secret
    ? "and it is not set"
    : secret === "development"
      ? "but it is Probot's default 'development'"
      : secret.length < MIN_SECRET_LENGTH
        ? `but it is ${secret.length} characters long`
        : undefined;
  if (wrong === undefined) return;
  throw new Error(
    `Refusing to start: NODE_ENV=production needs a real WEBHOOK_SECRET, ${wrong}; ` +
      `set WEBHOOK_SECRET to the secret configured on the GitHub App (at least ${MIN_SECRET_LENGTH} characters)`,
  );
}
