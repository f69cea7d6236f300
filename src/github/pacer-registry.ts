import type { Clock } from "./clock.js";
import { ContentPacer } from "./content-pacer.js";
import type { Octokit } from "./octokit.js";
import type { SharedState } from "../queue/shared-state.js";

/**
 * One {@link ContentPacer} per installation: GitHub counts secondary limits
 * per installation token, so every job of an installation shares one.
 */
export class PacerRegistry {
  private readonly pacers = new Map<number, ContentPacer>();

  /** With `state`, every instance sharing it paces an installation's writes together. */
  constructor(
    private readonly clock: Clock,
    private readonly state?: SharedState,
  ) {}

  /** The installation's pacer, made on first use. */
  forInstallation(installationId: number): ContentPacer {
    let pacer = this.pacers.get(installationId);
    if (!pacer) {
      pacer = new ContentPacer({ clock: this.clock, ...(this.state ? { shared: { state: this.state, key: `pace:${installationId}` } } : {}) });
      this.pacers.set(installationId, pacer);
    }
    return pacer;
  }

  /** Paces every write `octokit` makes for the installation. */
  pace(octokit: Octokit, installationId: number | undefined): void {
    this.forInstallation(installationId ?? 0).attach(octokit);
  }
}
