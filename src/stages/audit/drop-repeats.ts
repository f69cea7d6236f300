import { toString } from "mdast-util-to-string";
import type { RawFinding } from "./finding.js";
import { findLocations } from "./find-locations.js";

/** Lower-case words of a summary, for telling a repeated finding. */
function wordsOf(summary: string): Set<string> {
  return new Set(summary.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1));
}

/**
 * One finding per problem: a summary table or a key-findings list that
 * repeats the detailed sections (the same words, give or take one or two)
 * is read once — the fuller one is kept, at its place, with the other's
 * stated severity and locations when it lacks them.
 */
export function dropRepeats(found: RawFinding[]): RawFinding[] {
  const words = found.map((finding) => wordsOf(finding.summary));
  const paths = found.map((finding) => new Set([...(finding.statedLocations ?? []), ...findLocations(finding.detail)].map((location) => location.path)));
  const dropped = new Set<number>();
  for (let i = 0; i < found.length; i++) {
    if (dropped.has(i)) continue;
    for (let j = i + 1; j < found.length; j++) {
      if (dropped.has(j)) continue;
      const a = words[i] as Set<string>;
      const b = words[j] as Set<string>;
      // Only across shapes (a table row and a section, a key-findings item and a section): two items of one list are two findings.
      if ((found[i] as RawFinding).origin === (found[j] as RawFinding).origin) continue;
      const shared = [...a].filter((word) => b.has(word)).length;
      if (shared === 0 || shared / Math.max(a.size, b.size) < 0.8) continue;
      // The same words about different files are two findings ("Errors ignored in LoadEntry" in two packages).
      const [pa, pb] = [paths[i] as Set<string>, paths[j] as Set<string>];
      if (pa.size > 0 && pb.size > 0 && ![...pa].some((path) => pb.has(path))) continue;
      const [keep, lose] = weight(found[j] as RawFinding) > weight(found[i] as RawFinding) ? [j, i] : [i, j];
      const kept = found[keep] as RawFinding;
      const other = found[lose] as RawFinding;
      kept.explicit = { ...other.explicit, ...kept.explicit };
      if ((kept.statedLocations?.length ?? 0) === 0 && other.statedLocations?.length) kept.statedLocations = other.statedLocations;
      dropped.add(lose);
      if (lose === i) break;
    }
  }
  return found.filter((_, index) => !dropped.has(index));
}

/** How much a finding says: its detail's size, and a fix. */
function weight(finding: RawFinding): number {
  return finding.detail.reduce((sum, node) => sum + toString(node).length, 0) + (finding.fix ? 1_000 : 0);
}
