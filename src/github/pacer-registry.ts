import type { Clock } from "./clock.js";
import { ContentPacer, PACING } from "./content-pacer.js";
import type { Octokit } from "./octokit.js";
import type { SharedState } from "../queue/shared-state.js";

/**
 * One {@link ContentPacer} per installation: GitHub counts secondary limits
 * per installation token, so every job of an installation shares one.
 */
export class PacerRegistry {
  private readonly pacers = new Map<number, ContentPacer>();

  /**
   * With `state`, every instance sharing it paces an installation's writes
   * together. `scale` below 1 allows that many times more writes in each
   * window: the demo's faster clock (`FACTORY_PACING_SCALE`), never production's.
   */
  constructor(
    private readonly clock: Clock,
    private readonly state?: SharedState,
    private readonly scale = 1,
  ) {}

  /** The installation's pacer, made on first use. */
  forInstallation(installationId: number): ContentPacer {
    let pacer = this.pacers.get(installationId);
    if (!pacer) {
      const limits = this.scale < 1 ? { perMinute: Math.round(PACING.perMinute / this.scale), perHour: Math.round(PACING.perHour / this.scale) } : {};
      pacer = new ContentPacer({ clock: this.clock, ...limits, ...(this.state ? { shared: { state: this.state, key: `pace:${installationId}` } } : {}) });
      this.pacers.set(installationId, pacer);
    }
    return pacer;
  }

  /** Paces every write `octokit` makes for the installation. */
  pace(octokit: Octokit, installationId: number | undefined): void {
    this.forInstallation(installationId ?? 0).attach(octokit);
  }
}
