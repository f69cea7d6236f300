import type { Clock } from "../github/clock.js";
import type { Octokit } from "../github/octokit.js";
import type { SharedState } from "../queue/shared-state.js";
import { PacerRegistry } from "../github/pacer-registry.js";
import { instrumentOctokit } from "./instrument-octokit.js";
import type { Metrics } from "./metrics.js";

/**
 * A {@link PacerRegistry} that also meters the Octokit it paces: every flow
 * hands its installation Octokit to `pace` before its first request, so this
 * is the one place that sees them all. Pacing itself is unchanged. Each
 * Octokit is instrumented once, however often it is paced.
 */
export class MeteredPacerRegistry extends PacerRegistry {
  private readonly metered = new WeakSet<Octokit>();

  constructor(
    clock: Clock,
    private readonly metrics: Metrics,
    state?: SharedState,
    scale?: number,
  ) {
    super(clock, state, scale);
  }

  override pace(octokit: Octokit, installationId: number | undefined): void {
    super.pace(octokit, installationId);
    if (this.metered.has(octokit)) return;
    this.metered.add(octokit);
    instrumentOctokit(octokit, this.metrics);
  }
}
