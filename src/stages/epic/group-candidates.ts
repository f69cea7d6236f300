import { SEVERITIES } from "../audit/finding.js";
import { THEMES, type Candidate, type Theme } from "./candidate.js";

/** Grouping thresholds (SPEC §1.2), from `epics` in the config. */
export interface GroupingRules {
  minChildren: number;
  singleEpicBelow: number;
  themedFrom: number;
  maxChildren: number;
}

/** A group of candidates that becomes one epic. */
export interface CandidateGroup {
  theme: Theme;
  children: Candidate[];
}

/**
 * Groups candidates into epics (SPEC §1.2): fewer than `minChildren` → none
 * (dispatched directly); fewer than `singleEpicBelow` → one epic (split only
 * when over `maxChildren`); up to `themedFrom` → one epic per theme when every
 * theme has `minChildren`, else one; from `themedFrom` on → epics per theme of
 * `minChildren` to `maxChildren` children, small themes pooled into a
 * `mixed` epic, or added to an epic with room, or left for direct dispatch.
 * A framework issue goes with the issues it covers.
 */
export function groupCandidates(candidates: readonly Candidate[], rules: GroupingRules): { groups: CandidateGroup[]; direct: Candidate[] } {
  const sorted = [...candidates].sort(byPriority);
  if (sorted.length < rules.minChildren) return { groups: [], direct: sorted };
  const single = () => ({ groups: chunk(sorted, rules.maxChildren).map((children) => ({ theme: dominantTheme(children), children })), direct: [] });
  if (sorted.length < rules.singleEpicBelow) return single();
  if (sorted.length < rules.themedFrom) {
    // In between, themes are split only when every theme is big enough for an epic of its own.
    const themes = new Map<Theme, Candidate[]>();
    for (const candidate of sorted) {
      const theme = themeOf(candidate, sorted);
      themes.set(theme, [...(themes.get(theme) ?? []), candidate]);
    }
    if (themes.size < 2 || [...themes.values()].some((members) => members.length < rules.minChildren)) return single();
    return {
      groups: THEMES.flatMap((theme) => chunk(themes.get(theme) ?? [], rules.maxChildren).map((children) => ({ theme, children }))).filter((group) => group.children.length > 0),
      direct: [],
    };
  }
  const buckets = new Map<Theme, Candidate[]>();
  for (const candidate of sorted) {
    const theme = themeOf(candidate, sorted);
    buckets.set(theme, [...(buckets.get(theme) ?? []), candidate]);
  }
  const groups: CandidateGroup[] = [];
  const pool: Candidate[] = [];
  for (const theme of THEMES) {
    const members = buckets.get(theme) ?? [];
    if (members.length >= rules.minChildren) {
      for (const children of chunk(members, rules.maxChildren)) groups.push({ theme, children });
    } else {
      pool.push(...members);
    }
  }
  const direct: Candidate[] = [];
  if (pool.length >= rules.minChildren) {
    for (const children of chunk(pool.sort(byPriority), rules.maxChildren)) groups.push({ theme: "mixed", children });
  } else {
    for (const candidate of pool) {
      const roomiest = [...groups].sort((a, b) => a.children.length - b.children.length)[0];
      if (roomiest && roomiest.children.length < rules.maxChildren) roomiest.children.push(candidate);
      else direct.push(candidate);
    }
  }
  for (const group of groups) group.children.sort(byPriority);
  return { groups, direct };
}

/** Severity, then number: the order children are listed and groups are cut. */
export function byPriority(a: Candidate, b: Candidate): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.number - b.number;
}

/** A candidate's theme; a framework issue takes the most common theme of the issues it covers. */
export function themeOf(candidate: Candidate, all: readonly Candidate[]): Theme {
  if (candidate.framework && candidate.covers.length > 0) {
    const covered = all.filter((other) => candidate.covers.includes(other.number));
    if (covered.length > 0) return dominantTheme(covered);
  }
  return candidate.type;
}

/** The most common type among children (ties: the order of THEMES). */
export function dominantTheme(children: readonly Candidate[]): Theme {
  const counts = new Map<Theme, number>();
  for (const child of children) counts.set(child.type, (counts.get(child.type) ?? 0) + 1);
  let best: Theme = "mixed";
  let most = 0;
  for (const theme of THEMES) {
    const count = counts.get(theme) ?? 0;
    if (count > most) {
      best = theme;
      most = count;
    }
  }
  return best;
}

/** Splits a list into the fewest chunks of at most `max`, as even as possible. */
export function chunk<T>(items: readonly T[], max: number): T[][] {
  const parts = Math.max(1, Math.ceil(items.length / max));
  const base = Math.floor(items.length / parts);
  const longer = items.length % parts;
  const chunks: T[][] = [];
  let start = 0;
  for (let part = 0; part < parts; part++) {
    const size = base + (part < longer ? 1 : 0);
    chunks.push(items.slice(start, start + size));
    start += size;
  }
  return chunks.filter((part) => part.length > 0);
}
