/** When each repository was last swept, and its interval then (so a tick that is not due reads nothing, not even the config). */
export type SweepTimes = Map<string, { at: number; everyMs: number }>;
