import { configSchema } from "../../../src/config/schema.js";
import type { Candidate } from "../../../src/stages/epic/candidate.js";
import type { EpicPhase } from "../../../src/model/epic-document.js";
import type { PlannedPhase } from "../../../src/stages/epic/assign-phases.js";

/** The fixed clock of every epic test. */
export const NOW = new Date("2026-11-22T09:00:00Z");

/** The default config, as an empty `.github/factory.yml` gives it. */
export const CONFIG = configSchema.parse({});

/** A candidate with plain defaults; tests name only what matters to them. */
export function candidate(number: number, overrides: Partial<Candidate> = {}): Candidate {
  return {
    number,
    title: `fix(core): issue ${number}`,
    type: "quality",
    severity: "medium",
    complexity: "medium",
    scope: "package",
    paths: [],
    dependsOn: [],
    framework: false,
    covers: [],
    ...overrides,
  };
}

/** `count` candidates numbered from `first`, all with the same overrides. */
export function candidates(first: number, count: number, overrides: Partial<Candidate> = {}): Candidate[] {
  return Array.from({ length: count }, (_, index) => candidate(first + index, overrides));
}

/** Phases as one short line each, `kind:#1,#2`, to compare layouts at a glance. */
export function layout(phases: ReadonlyArray<PlannedPhase | EpicPhase>): string[] {
  return phases.map((phase) => `${phase.kind}:${phase.children.map((child) => `#${child.number}`).join(",")}`);
}

/** A deterministic shuffle (a small LCG), so a failing order can be replayed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
