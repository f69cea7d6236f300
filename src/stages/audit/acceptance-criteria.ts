import type { FindingType, Location } from "./finding.js";

const CHECK_BY_TYPE: Record<FindingType, string> = {
  security: "A test reproduces the problem before the fix and passes after it",
  quality: "Existing tests pass and the changed code is covered by a test",
  performance: "A benchmark or test shows the improvement",
  testing: "The new tests fail when the behaviour they cover is broken",
  docs: "The documentation renders and its examples are correct",
};

/** Acceptance criteria for a finding whose audit gives none: checkable, and specific to its type. */
export function acceptanceCriteria(params: { type: FindingType; locations: readonly Location[] }): string[] {
  const places = params.locations.length;
  return [
    places === 0
      ? "The problem described above is fixed"
      : places === 1
        ? "The problem described above is fixed at the location listed"
        : `The problem described above is fixed at all ${places} locations listed`,
    CHECK_BY_TYPE[params.type],
    "CI passes",
  ];
}
