import Bottleneck from "bottleneck";

/**
 * How much faster than GitHub asks Factory spaces its writes, for the demo
 * only: `FACTORY_PACING_SCALE=0.2` plays GitHub's pacing five times faster
 * on a clock the demo controls, against its own sandbox. 1 (the default) is
 * GitHub's pacing; production refuses any other value
 * (`assertSafeEnvironment`), so nothing writes to github.com faster than it
 * allows.
 */
export function pacingScale(env: NodeJS.ProcessEnv): number {
  const raw = env.FACTORY_PACING_SCALE?.trim();
  if (!raw) return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) {
    throw new Error(`FACTORY_PACING_SCALE must be a number above 0 and at most 1, not '${raw}'; unset it for GitHub's own pacing`);
  }
  return scale;
}

/**
 * `@octokit/plugin-throttling`'s limiters for writes (a second apart) and
 * content-creating writes (three seconds apart), scaled; undefined at scale
 * 1, where the plugin's own are used. The plugin takes limiters it is given
 * in its `throttle` options instead of making its own.
 */
export function scaledWriteLimiters(scale: number): { write: Bottleneck.Group; notifications: Bottleneck.Group } | undefined {
  if (scale >= 1) return undefined;
  return {
    write: new Bottleneck.Group({ id: "factory-write", maxConcurrent: 1, minTime: Math.round(1_000 * scale) }),
    notifications: new Bottleneck.Group({ id: "factory-notifications", maxConcurrent: 1, minTime: Math.round(3_000 * scale) }),
  };
}
