import { describe, expect, it } from "vitest";
import { assertSafeEnvironment } from "../../src/assert-safe-environment.js";
import { pacingScale, scaledWriteLimiters } from "../../src/github/pacing-scale.js";

/*
 * The demo plays GitHub's pacing of writes faster on its own clock
 * (FACTORY_PACING_SCALE); nothing else may: production refuses to start with
 * it, and a malformed value is refused with one line naming it.
 */
describe("FACTORY_PACING_SCALE", () => {
  it("is GitHub's pacing unless set, and a fraction of it when set", () => {
    expect(pacingScale({})).toBe(1);
    expect(pacingScale({ FACTORY_PACING_SCALE: "0.2" })).toBe(0.2);
    expect(scaledWriteLimiters(1)).toBeUndefined();
    const limiters = scaledWriteLimiters(0.2) as unknown as Record<"write" | "notifications", { limiterOptions: { minTime: number } }>;
    expect([limiters.write.limiterOptions.minTime, limiters.notifications.limiterOptions.minTime]).toEqual([200, 600]);
  });

  it("refuses a value outside (0, 1]", () => {
    for (const bad of ["0", "2", "fast", "-1"]) expect(() => pacingScale({ FACTORY_PACING_SCALE: bad })).toThrow(`FACTORY_PACING_SCALE must be a number above 0 and at most 1, not '${bad}'`);
  });

  it("refuses to start in production with it set, whatever else is right", () => {
    const production = { NODE_ENV: "production", WEBHOOK_SECRET: "a-real-secret-of-32-characters!!" };
    expect(() => assertSafeEnvironment(production)).not.toThrow();
    expect(() => assertSafeEnvironment({ ...production, FACTORY_PACING_SCALE: "0.5" })).toThrow(/^Refusing to start: FACTORY_PACING_SCALE speeds up the pacing of writes for the demo's sandbox only/);
  });
});
