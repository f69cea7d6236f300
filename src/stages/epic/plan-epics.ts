import type { Config } from "../../config/schema.js";
import { hashOf } from "../audit/fingerprint.js";
import { fitTitle } from "../../model/fit-title.js";
import { assignPhases, type PlannedPhase } from "./assign-phases.js";
import type { Candidate, Theme } from "./candidate.js";
import { childrenOf, type EpicDocument, type EpicPhase, type Manifest } from "../../model/epic-document.js";
import { findCycles } from "./find-cycles.js";
import { byPriority, groupCandidates, themeOf, type CandidateGroup } from "./group-candidates.js";
import { renderEpicBody } from "../../model/render-epic-body.js";

/** An open epic, as observed. */
export interface ExistingEpic {
  number: number;
  title: string;
  /** Parsed body. */
  document: EpicDocument;
  /** Factory made it (its body carries the epic marker): only these are extended. */
  factory: boolean;
}

/** A new epic to create. */
export interface PlannedEpic {
  theme: Theme;
  slug: string;
  title: string;
  body: string;
  phases: EpicPhase[];
  children: number[];
  batch: string;
}

/** New phases appended to an existing epic. */
export interface EpicExtension {
  epic: number;
  phases: EpicPhase[];
  children: number[];
}

/** What `/factory epic` would do. */
export interface EpicPlan {
  epics: PlannedEpic[];
  extensions: EpicExtension[];
  /** Too few candidates for an epic: handed to agents one by one. */
  direct: number[];
  /** Dependency cycles, reported instead of guessed; their issues stay out of epics. */
  cycles: number[][];
}

/** Inputs of {@link planEpics}. */
export interface PlanEpicsParams {
  /** Open implementation issues that are in no open epic. */
  candidates: readonly Candidate[];
  /** Open epics. */
  epics: readonly ExistingEpic[];
  config: Pick<Config, "epics">;
  now: Date;
}

/**
 * Plans epics (SPEC §1.2), pure and deterministic: the same input gives the
 * same epics. Candidates in a dependency cycle are reported and left out;
 * candidates whose theme has an open Factory epic with room extend it (new
 * phases at its end, so phases already under way are not changed); the rest
 * are grouped by `groupCandidates`, laid out by `assignPhases`, and split
 * again if a body would pass `maxBodyChars`.
 */
export function planEpics(params: PlanEpicsParams): EpicPlan {
  const { epics: rules } = params.config;
  const byNumber = new Map(params.candidates.map((candidate) => [candidate.number, candidate]));
  const withFrameworkDeps = params.candidates.map((candidate) => ({
    ...candidate,
    dependsOn: [
      ...new Set([
        ...candidate.dependsOn,
        ...params.candidates.filter((other) => other.framework && other.covers.includes(candidate.number)).map((other) => other.number),
      ]),
    ].sort((a, b) => a - b),
  }));
  const cycles = findCycles(new Map(withFrameworkDeps.map((candidate) => [candidate.number, candidate.dependsOn])));
  const inCycle = new Set(cycles.flat());
  const free = withFrameworkDeps.filter((candidate) => !inCycle.has(candidate.number));

  const extensions: EpicExtension[] = [];
  const rest: Candidate[] = [];
  const room = new Map(params.epics.filter((epic) => epic.factory).map((epic) => [epic.number, rules.maxChildren - childrenOf(epic.document).length]));
  const additions = new Map<number, Candidate[]>();
  for (const candidate of [...free].sort(byPriority)) {
    const theme = themeOf(candidate, free);
    const epic = params.epics.find((e) => e.factory && e.document.theme === theme && (room.get(e.number) ?? 0) > 0);
    if (!epic) {
      rest.push(candidate);
      continue;
    }
    room.set(epic.number, (room.get(epic.number) as number) - 1);
    additions.set(epic.number, [...(additions.get(epic.number) ?? []), candidate]);
  }
  for (const epic of params.epics) {
    const added = additions.get(epic.number);
    if (!added) continue;
    const first = Math.max(0, ...epic.document.phases.map((phase) => phase.number)) + 1;
    const phases = numberPhases(assignPhases(added), first, rules.phaseNames, epic.document.phases.map((phase) => phase.kind));
    extensions.push({ epic: epic.number, phases, children: phases.flatMap((phase) => phase.children.map((child) => child.number)) });
  }

  const { groups, direct } = groupCandidates(rest, rules);
  const epics = groups.flatMap((group) => renderGroup({ group, params, byNumber }));
  return { epics, extensions, direct: direct.map((candidate) => candidate.number).sort((a, b) => a - b), cycles };
}

function renderGroup(args: { group: CandidateGroup; params: PlanEpicsParams; byNumber: Map<number, Candidate> }): PlannedEpic[] {
  const { group, params } = args;
  const { epics: rules } = params.config;
  const phases = numberPhases(assignPhases(group.children), 1, rules.phaseNames);
  const children = phases.flatMap((phase) => phase.children.map((child) => child.number));
  const batch = `b-${hashOf(["epic", group.theme, ...children.map(String)])}`;
  const manifest: Manifest = {
    batch,
    created: params.now.toISOString(),
    theme: group.theme,
    config: { maxChildren: rules.maxChildren, phaseNames: { ...rules.phaseNames }, branchPrefix: rules.branchPrefix },
    tickets: phases.flatMap((phase) =>
      phase.children.map((child) => {
        const candidate = group.children.find((c) => c.number === child.number) as Candidate;
        return {
          issue: child.number,
          phase: phase.number,
          priority: candidate.severity,
          complexity: candidate.complexity,
          estimatedFiles: Math.max(1, candidate.paths.length),
          dependsOn: candidate.dependsOn,
        };
      }),
    ),
  };
  const title = epicTitle(group);
  const body = renderEpicBody({ theme: group.theme, slug: group.theme, overview: overview(group, phases), phases, manifest });
  if (body.length > rules.maxBodyChars && group.children.length > 1) {
    const half = Math.ceil(group.children.length / 2);
    return [group.children.slice(0, half), group.children.slice(half)].flatMap((part) =>
      renderGroup({ ...args, group: { theme: group.theme, children: part } }),
    );
  }
  return [{ theme: group.theme, slug: group.theme, title, body, phases, children, batch }];
}

/** Numbers and names phases: `Implementation`, `Implementation 2`, … when a kind repeats. */
function numberPhases(
  planned: readonly PlannedPhase[],
  first: number,
  names: Config["epics"]["phaseNames"],
  earlierKinds: readonly string[] = [],
): EpicPhase[] {
  const seen = new Map<string, number>();
  for (const kind of earlierKinds) seen.set(kind, (seen.get(kind) ?? 0) + 1);
  return planned.map((phase, index) => {
    const count = (seen.get(phase.kind) ?? 0) + 1;
    seen.set(phase.kind, count);
    return {
      number: first + index,
      name: count === 1 ? names[phase.kind] : `${names[phase.kind]} ${count}`,
      kind: phase.kind,
      children: phase.children.map((child) => ({ number: child.number, title: child.title, checked: false })),
    };
  });
}

/**
 * `epic(security): 6 security issues from audit #12`; "6 issues" when not
 * all are of the theme. Within GitHub's 256 characters however many audits
 * it names.
 */
export function epicTitle(group: CandidateGroup): string {
  const audits = [...new Set(group.children.map((child) => child.audit).filter((n): n is number => n !== undefined))].sort((a, b) => a - b);
  const from = audits.length === 0 ? "" : ` from audit${audits.length === 1 ? "" : "s"} ${audits.map((n) => `#${n}`).join(", ")}`;
  const allOfTheme = group.children.every((child) => child.type === group.theme);
  const what = allOfTheme && group.theme !== "mixed" ? ` ${group.theme}` : "";
  return fitTitle(`epic(${group.theme}): ${group.children.length}${what} issue${group.children.length === 1 ? "" : "s"}${from}`);
}

function overview(group: CandidateGroup, phases: readonly EpicPhase[]): string {
  const severities = ["critical", "high", "medium", "low"]
    .map((severity) => [severity, group.children.filter((child) => child.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(", ");
  return [
    `${group.children.length} implementation issues (${severities}) in ${phases.length} phase${phases.length === 1 ? "" : "s"}. ` +
      "Phases run in order: Factory hands a phase's children to coding agents together, and the next phase once they are merged. " +
      "Every pull request targets this epic's branch, which is merged into the default branch when all children are done.",
    "",
    "This body is the plan Factory follows: move a child between phases, add or remove a line, and Factory keeps to the edit.",
  ].join("\n");
}
