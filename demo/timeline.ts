/** A readable, timestamped record of what happened in a story. */
export class Timeline {
  private readonly started = Date.now();
  readonly entries: Array<{ ms: number; who: string; what: string }> = [];

  /** Records one step. */
  add(who: string, what: string): void {
    this.entries.push({ ms: Date.now() - this.started, who, what });
  }

  /** The timeline as aligned text lines. */
  render(): string {
    const width = Math.max(...this.entries.map((e) => e.who.length), 4);
    return this.entries
      .map((e) => `${(e.ms / 1000).toFixed(2).padStart(7)}s  ${e.who.padEnd(width)}  ${e.what}`)
      .join("\n");
  }
}
