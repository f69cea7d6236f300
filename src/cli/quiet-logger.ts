import type { Logger } from "probot";

const noop = (): void => undefined;

/**
 * A logger that says nothing, shaped like Probot's pino logger for the flows
 * (`info`, `error`, `child` …): the command line reports through its own
 * output and one error line, not through logs. Hand-written so `src/` needs
 * no import of pino, which is only a dev dependency of this package.
 */
export function quietLogger(): Logger {
  const log: Record<string, unknown> = {
    level: "silent",
    levelVal: Infinity,
    fatal: noop,
    error: noop,
    warn: noop,
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    isLevelEnabled: () => false,
    bindings: () => ({}),
    flush: noop,
  };
  log.child = () => log;
  return log as unknown as Logger;
}
