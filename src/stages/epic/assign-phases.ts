import { SEVERITIES } from "../audit/finding.js";
import type { Candidate } from "./candidate.js";
import { PHASE_KINDS, type PhaseKind } from "../../model/epic-document.js";

/** A phase being planned: its kind and children (in planning order). */
export interface PlannedPhase {
  kind: PhaseKind;
  children: Candidate[];
}

const CLEANUP_WORDS = /\b(deprecat\w*|remove|removal|clean ?up|dead code|unused|obsolete|legacy)\b/i;

/**
 * The kind of phase a child belongs in (SPEC §1.2): blockers first —
 * framework issues, critical security, and issues others in the epic depend
 * on — then parallel work, then cleanup (docs, deprecation removal).
 */
export function kindOf(child: Candidate, dependedOn: ReadonlySet<number>): PhaseKind {
  if (child.framework || child.scope === "framework" || dependedOn.has(child.number)) return "blocking";
  if (child.severity === "critical" && child.type === "security") return "blocking";
  // Cleanup words only move quality work: "Remove hard-coded admin password" is a security fix, not tidying.
  if (child.type === "docs" || (child.type === "quality" && CLEANUP_WORDS.test(child.title))) return "cleanup";
  return "parallel";
}

const rank = (kind: PhaseKind) => PHASE_KINDS.indexOf(kind);
const severityRank = (child: Candidate) => SEVERITIES.indexOf(child.severity);

/**
 * Lays an epic's children out in phases, deterministically:
 * - a child is never in an earlier phase than a child it depends on;
 * - phases run blocking → parallel → cleanup, and a child that must follow a
 *   later kind of phase moves to that kind;
 * - two children naming the same file never share a phase.
 * The children must be free of dependency cycles (see `findCycles`).
 * Dependencies on issues outside `children` are left to dispatch, which
 * waits for them to close.
 */
export function assignPhases(children: readonly Candidate[]): PlannedPhase[] {
  const inEpic = new Map(children.map((child) => [child.number, child]));
  const dependedOn = new Set(children.flatMap((child) => child.dependsOn.filter((n) => inEpic.has(n))));
  const kinds = new Map(children.map((child) => [child.number, kindOf(child, dependedOn)]));
  const phases: PlannedPhase[] = [];
  const placed = new Map<number, PlannedPhase>();
  for (const child of topologicalOrder(children, kinds)) {
    const deps = child.dependsOn.filter((n) => inEpic.has(n));
    const minIndex = Math.max(0, ...deps.map((n) => phases.indexOf(placed.get(n) as PlannedPhase) + 1));
    const before = phases[minIndex - 1];
    const kindRank = Math.max(rank(kinds.get(child.number) as PhaseKind), before ? rank(before.kind) : 0);
    const kind = PHASE_KINDS[kindRank] as PhaseKind;
    let target = phases.find(
      (phase, index) => index >= minIndex && phase.kind === kind && !phase.children.some((other) => sharesFile(other, child)),
    );
    if (!target) {
      target = { kind, children: [] };
      const lastOfKindOrBefore = phases.reduce((last, phase, index) => (rank(phase.kind) <= kindRank ? index : last), -1);
      phases.splice(Math.max(minIndex, lastOfKindOrBefore + 1), 0, target);
    }
    target.children.push(child);
    placed.set(child.number, target);
  }
  for (const phase of phases) phase.children.sort((a, b) => severityRank(a) - severityRank(b) || a.number - b.number);
  return phases;
}

function sharesFile(a: Candidate, b: Candidate): boolean {
  return a.paths.some((path) => b.paths.includes(path));
}

/** Dependencies first; among ready children: kind, then severity, then number. */
function topologicalOrder(children: readonly Candidate[], kinds: ReadonlyMap<number, PhaseKind>): Candidate[] {
  const inEpic = new Set(children.map((child) => child.number));
  const waiting = new Map(children.map((child) => [child.number, new Set(child.dependsOn.filter((n) => inEpic.has(n) && n !== child.number))]));
  const order: Candidate[] = [];
  const remaining = [...children];
  while (remaining.length > 0) {
    const ready = remaining
      .filter((child) => (waiting.get(child.number) as Set<number>).size === 0)
      .sort(
        (a, b) =>
          rank(kinds.get(a.number) as PhaseKind) - rank(kinds.get(b.number) as PhaseKind) ||
          severityRank(a) - severityRank(b) ||
          a.number - b.number,
      );
    const next = ready[0];
    if (!next) throw new Error(`assignPhases: a dependency cycle among #${remaining.map((c) => c.number).join(", #")}`);
    order.push(next);
    remaining.splice(remaining.indexOf(next), 1);
    for (const set of waiting.values()) set.delete(next.number);
  }
  return order;
}
