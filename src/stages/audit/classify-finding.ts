import type { Config } from "../../config/schema.js";
import { componentOf } from "./component-of.js";
import {
  FINDING_TYPES,
  SEVERITIES,
  type Complexity,
  type Finding,
  type FindingType,
  type Location,
  type RawFinding,
  type Scope,
  type Severity,
} from "./finding.js";
import { fingerprint } from "./fingerprint.js";
import { findLocations } from "./find-locations.js";
import { fixKindOf } from "./fix-kind.js";
import { countKeywords } from "./match-keywords.js";
import { neutraliseMarkdown, neutraliseTitle } from "../../model/neutralise.js";
import { proseOf } from "./prose-of.js";
import { findingTitle } from "./finding-title.js";
import { acceptanceCriteria } from "./acceptance-criteria.js";

/** The keyword maps classification reads (SPEC §1.1: configurable, deterministic). */
export type Keywords = Config["audit"]["keywords"];

const LARGE_WORK = ["refactor", "redesign", "rewrite", "migrate", "migration", "architecture", "overhaul", "re-architect"];

/**
 * Classifies a raw finding. Each field takes the first of: a value stated on
 * the finding, a value stated by the heading it is grouped under, a guess
 * from the keyword maps (the title counts three times as much as the prose),
 * and a default (severity medium, type quality).
 */
export function classifyFinding(raw: RawFinding, keywords: Keywords): Omit<Finding, "fingerprint"> & { rawFingerprint: string } {
  const prose = proseOf(raw.detail);
  const severity = raw.explicit.severity ?? raw.inherited.severity ?? guessSeverity(raw.summary, prose, keywords) ?? "medium";
  const type = raw.explicit.type ?? raw.inherited.type ?? guessType(raw.summary, prose, keywords) ?? raw.fallback?.type ?? "quality";
  const locations = mergeLocations(findLocations(raw.detail), raw.statedLocations ?? []);
  const component = componentOf(locations[0]);
  const scope = raw.explicit.scope ?? raw.inherited.scope ?? guessScope(locations);
  const complexity = raw.explicit.complexity ?? raw.inherited.complexity ?? guessComplexity({ scope, locations, summary: raw.summary });
  const summary = neutraliseTitle(raw.summary);
  const fix = raw.fix ? neutraliseMarkdown(raw.fix) : undefined;
  const fixKind = fixKindOf({ fix: raw.fix ? proseOf(raw.fix) : "", summary: raw.summary });
  return {
    title: findingTitle({ type, component, summary }),
    summary,
    severity,
    type,
    scope,
    complexity,
    component,
    locations,
    rawFingerprint: fingerprint({ summary: raw.summary, locations }),
    ...(fixKind ? { fixKind } : {}),
    details: neutraliseMarkdown(raw.detail),
    ...(fix ? { fix } : {}),
    acceptance: raw.acceptance?.length ? raw.acceptance.map((item) => neutraliseTitle(item)) : acceptanceCriteria({ type, locations }),
  };
}

function guessSeverity(summary: string, prose: string, keywords: Keywords): Severity | undefined {
  for (const text of [summary, prose]) {
    for (const severity of SEVERITIES) if (countKeywords(text, keywords.severity[severity]) > 0) return severity;
  }
  return undefined;
}

function guessType(summary: string, prose: string, keywords: Keywords): FindingType | undefined {
  let best: { type: FindingType; score: number } | undefined;
  for (const type of FINDING_TYPES) {
    const score = 3 * countKeywords(summary, keywords.type[type]) + countKeywords(prose, keywords.type[type]);
    if (score > 0 && (!best || score > best.score)) best = { type, score };
  }
  return best?.type;
}

function guessScope(locations: readonly Location[]): Scope {
  const files = new Set(locations.map((location) => location.path));
  const components = new Set(locations.map((location) => componentOf(location)));
  if (components.size > 1) return "framework";
  if (files.size === 1) return "single-file";
  return "package";
}

function guessComplexity(params: { scope: Scope; locations: readonly Location[]; summary: string }): Complexity {
  const files = new Set(params.locations.map((location) => location.path)).size;
  if (params.scope === "framework" || files >= 4 || countKeywords(params.summary, LARGE_WORK) > 0) return "large";
  if (params.scope === "single-file") return "small";
  return "medium";
}

function mergeLocations(first: readonly Location[], second: readonly Location[]): Location[] {
  const merged = [...first];
  for (const location of second) {
    if (!merged.some((l) => l.path === location.path && l.line === location.line)) merged.push(location);
  }
  return merged;
}
