/** Where a progress line is drawn: a terminal's stderr. */
export interface ProgressStream {
  write(text: string): unknown;
  /** Width of the terminal, when known; the line is cut to fit. */
  columns?: number;
}

const BAR_WIDTH = 20;
/** Redraws caused by requests alone are spaced this far apart; steps always redraw. */
const REDRAW_MS = 80;

/**
 * One self-rewriting line on stderr (`\r` updates) for commands that walk
 * many issues or epics: a bar when the number of steps is known, and a count
 * of GitHub requests either way. Disabled, it writes nothing — the command
 * line turns it off when stdout is not a terminal, so pipes and files only
 * get the result.
 */
export class Progress {
  private label = "";
  private total: number | undefined;
  private done = 0;
  private requests = 0;
  private lastDraw = -Infinity;
  private drawn = false;
  private readonly stream: ProgressStream;
  private readonly enabled: boolean;
  private readonly clock: () => number;

  constructor(params: { stream: ProgressStream; enabled: boolean; clock?: () => number }) {
    this.stream = params.stream;
    this.enabled = params.enabled;
    this.clock = params.clock ?? Date.now;
  }

  /** Starts (or restarts) with a label and, when known, the number of steps. */
  start(label: string, total?: number): void {
    this.label = label;
    this.total = total;
    this.done = 0;
    this.draw(true);
  }

  /** Sets the number of steps once it is known. */
  setTotal(total: number): void {
    this.total = total;
    this.draw(true);
  }

  /** Marks the current step done; `label` names the next one. */
  tick(label?: string): void {
    this.done += 1;
    if (label !== undefined) this.label = label;
    this.draw(true);
  }

  /** Names what is being done now without finishing a step. */
  note(label: string): void {
    this.label = label;
    this.draw(true);
  }

  /** Counts one GitHub request. */
  request(): void {
    this.requests += 1;
    this.draw(false);
  }

  /** Clears the line, so the result starts on a clean one. */
  stop(): void {
    if (this.enabled && this.drawn) this.stream.write("\r\x1b[K");
    this.drawn = false;
  }

  /** The line as it would be drawn now. */
  render(): string {
    const parts = [this.label];
    if (this.total !== undefined && this.total > 0) {
      const done = Math.min(this.done, this.total);
      const filled = Math.round((done / this.total) * BAR_WIDTH);
      parts.push(`[${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}] ${done}/${this.total}`);
    }
    parts.push(`${this.requests} request${this.requests === 1 ? "" : "s"}`);
    return parts.filter(Boolean).join(" · ");
  }

  private draw(force: boolean): void {
    if (!this.enabled) return;
    const now = this.clock();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const width = this.stream.columns && this.stream.columns > 1 ? this.stream.columns - 1 : undefined;
    const line = this.render();
    this.stream.write(`\r${width !== undefined && line.length > width ? line.slice(0, width) : line}\x1b[K`);
    this.drawn = true;
  }
}
