/**
 * Polls `check` until it returns a value other than undefined/false, or fails
 * with `what` after `timeoutMs`. Stories use it to wait for the app process,
 * which runs its work in the background. On a terminal, a wait longer than
 * two seconds shows a progress line on stderr (what it waits for, and for
 * how long), cleared when the wait ends; piped output stays clean.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  const progress = process.stderr.isTTY === true;
  let shown = false;
  const clear = () => {
    if (shown) process.stderr.write("\r\u001b[2K");
    shown = false;
  };
  try {
    for (;;) {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
      const seconds = Math.floor((Date.now() - started) / 1000);
      if (progress && seconds >= 2) {
        process.stderr.write(`\r\u001b[2K  … waiting for ${what} (${seconds}s)`);
        shown = true;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    clear();
  }
}
