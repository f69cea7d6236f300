/**
 * Ticks and unticks children's lines in an epic body (`- [ ] #31 …` ↔
 * `- [x] #31 …`), touching nothing else. Returns undefined when every line
 * already says what it should, so a redelivered event writes nothing.
 */
export function setTicks(body: string, params: { tick: readonly number[]; untick: readonly number[] }): string | undefined {
  const tick = new Set(params.tick);
  const untick = new Set(params.untick);
  let changed = false;
  const next = body.replace(/^(\s*[-*+]\s+)\[( |x|X)\](\s+#(\d+)\b)/gm, (line, lead: string, box: string, rest: string, number: string) => {
    const n = Number(number);
    const want = tick.has(n) ? "x" : untick.has(n) ? " " : undefined;
    if (want === undefined || (want === "x") === (box !== " ")) return line;
    changed = true;
    return `${lead}[${want}]${rest}`;
  });
  return changed ? next : undefined;
}
