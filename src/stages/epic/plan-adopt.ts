import type { Config } from "../../config/schema.js";
import type { Action } from "../../model/action.js";
import { hashOf } from "../audit/fingerprint.js";
import { COMPLEXITIES, SEVERITIES } from "../audit/finding.js";
import { epicBranch } from "./epic-branch.js";
import type { EpicPhase, Manifest } from "./epic-document.js";
import { parseEpicBody } from "./parse-epic-body.js";
import { readHandMadeEpic, type HandMadeEpic } from "./read-hand-made-epic.js";
import { renderAdoptionRecord } from "./render-adopt-answer.js";
import { renderEpicBody } from "./render-epic-body.js";

/** GitHub links at most 100 sub-issues to one parent, closed ones included. https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/adding-sub-issues */
export const MAX_ADOPTED_CHILDREN = 100;
/** The theme in an adopted epic's marker: no audit theme, so `/factory epic` never extends a plan a person wrote. */
export const ADOPTED_THEME = "adopted";

/** The issue `/factory adopt` was written on, as observed. */
export interface AdoptTarget {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  pullRequest: boolean;
  /** Who opened it (null for a deleted account). */
  author: string | null;
  labels: readonly string[];
}

/** What decides whether the issue may be adopted at all, read before its children. */
export interface AdoptGate {
  issue: AdoptTarget;
  /** Factory's app opened it with its epic marker. */
  madeByFactory: boolean;
  /** Factory's own adoption comment is on it. */
  adoptionRecorded: boolean;
  /** Its author has the command permission: whoever opened an issue can always edit its body, which is the plan. */
  authorPermitted: boolean;
  /** The permission commands need, for the explanation. */
  permission: string;
}

/** A child listed in the body, as GitHub has it. */
export type ChildLookup =
  | { kind: "issue"; number: number; id: number; title: string; state: "open" | "closed"; labels: readonly string[] }
  | { kind: "pull"; number: number }
  | { kind: "missing"; number: number };

/** Everything {@link planAdopt} plans from. */
export interface AdoptSnapshot extends AdoptGate {
  /** Every child the body lists, looked up. */
  children: ReadonlyMap<number, ChildLookup>;
  /** Children already listed in another epic Factory runs, with that epic's number. */
  inOtherEpics: ReadonlyMap<number, number>;
  /** Existing branches named `<prefix><number>-…`. */
  epicBranches: readonly string[];
  /** The repository's label names, lower-cased. */
  repoLabels: ReadonlySet<string>;
}

/** A child that stays out of the adopted epic, and why. */
export interface DroppedChild {
  number: number;
  reason: string;
}

/** What `/factory adopt` will do, or why it will not. */
export interface AdoptPlan {
  epic: number;
  /** Set when nothing is written; a sentence or two for the maintainer. */
  refused?: string;
  /** How the body was read (absent when refused before reading it). */
  read?: HandMadeEpic;
  /** The phases as adopted: children that exist, ticked when closed. */
  phases: EpicPhase[];
  dropped: DroppedChild[];
  /** Children whose box said otherwise than GitHub: ticked while open, or unticked while closed. */
  retick: number[];
  slug?: string;
  branch?: string;
  /** The branch `<prefix><number>-…` is there already and is reused. */
  branchReused?: boolean;
  /** Writes before anything is attached to the epic: the body, Factory's adoption record, the labels. */
  actions: Action[];
}

/**
 * Why an issue cannot be adopted, judged from the issue alone (no children
 * read yet), or undefined. A pure function; {@link planAdopt} applies it too.
 */
export function adoptRefusal(gate: AdoptGate, config: Pick<Config, "labels">): string | undefined {
  const { issue } = gate;
  if (issue.pullRequest) return `#${issue.number} is a pull request; only an issue can be an epic.`;
  if (gate.madeByFactory) return `#${issue.number} is already Factory's epic: Factory made it, so there is nothing to adopt.`;
  if (gate.adoptionRecorded && hasLabel(issue.labels, config.labels.adopted)) {
    return `#${issue.number} is already Factory's epic: it was adopted before. \`/factory epic\` links any child still missing.`;
  }
  if (issue.state === "closed") return `#${issue.number} is closed; reopen it first if it should run as an epic.`;
  if (!gate.authorPermitted) {
    const who = issue.author ?? "a deleted account";
    return (
      `#${issue.number} was opened by ${who}, who does not have the \`${gate.permission}\` permission on this repository. ` +
      "Whoever opens an issue can always edit its body, and an adopted epic's body is the plan Factory follows: " +
      "they could change which issues the agents work on and what budget is spent. " +
      "Ask a maintainer to copy the plan into an issue of their own and adopt that one."
    );
  }
  return undefined;
}

/**
 * Plans `/factory adopt` (SPEC §1.2, §5), pure: reads the hand-made body,
 * keeps the children that exist as issues of this repository (closed ones
 * ticked), leaves out pull requests, missing issues and children of another
 * Factory epic, and plans — in this order, so a crash leaves something a
 * rerun finishes — the body rewritten in Factory's epic format, Factory's
 * adoption record, then the labels. Linking children, the branch and the
 * ready comment follow in the flow, as for every Factory epic.
 */
export function planAdopt(params: { snapshot: AdoptSnapshot; config: Pick<Config, "epics" | "labels">; by: string; now: Date }): AdoptPlan {
  const { snapshot, config } = params;
  const { issue } = snapshot;
  const base: AdoptPlan = { epic: issue.number, phases: [], dropped: [], retick: [], actions: [] };
  const gate = adoptRefusal(snapshot, config);
  if (gate) return { ...base, refused: gate };
  const read = readHandMadeEpic(issue.body);
  if (read.phases.every((phase) => phase.children.length === 0)) {
    return {
      ...base,
      read,
      refused:
        `Factory found no child in #${issue.number}'s body. It reads \`### Phase N: name (blocking|parallel|cleanup)\` sections of \`- [ ] #12 - title\` lines, ` +
        "a plain checklist of `- [ ] #12` lines, or category sections (`### Security`, `## Testing` …) holding such lines.",
    };
  }

  const listed = read.phases.reduce((sum, phase) => sum + phase.children.length, 0);
  if (listed > MAX_ADOPTED_CHILDREN) {
    return {
      ...base,
      read,
      refused: `#${issue.number} lists ${listed} children; GitHub links at most ${MAX_ADOPTED_CHILDREN} sub-issues to one parent. Split it into epics of ${MAX_ADOPTED_CHILDREN} or fewer and adopt each.`,
    };
  }

  const dropped: DroppedChild[] = [];
  const retick: number[] = [];
  const phases: EpicPhase[] = [];
  for (const phase of read.phases) {
    const children = phase.children.flatMap((child) => {
      const why = dropReason({ number: child.number, snapshot, epicLabel: config.labels.epic });
      if (why) {
        dropped.push({ number: child.number, reason: why });
        return [];
      }
      const found = snapshot.children.get(child.number) as Extract<ChildLookup, { kind: "issue" }>;
      const closed = found.state === "closed";
      if (child.checked !== closed) retick.push(child.number);
      return [{ number: child.number, title: found.title, checked: closed }];
    });
    if (children.length > 0) phases.push({ number: phases.length + 1, name: phase.name, kind: phase.kind, children });
  }
  const kept = phases.flatMap((phase) => phase.children.map((child) => child.number));
  const withRead = { ...base, read, dropped, retick };
  if (kept.length === 0) return { ...withRead, refused: `None of the children listed in #${issue.number} can be adopted.` };

  const prefix = config.epics.branchPrefix;
  const reused = reusableBranch({ prefix, number: issue.number, branches: snapshot.epicBranches });
  const slug = reused ?? slugOf(issue.title);
  const branch = epicBranch({ prefix, number: issue.number, slug });
  const batch = `b-${hashOf(["adopt", String(issue.number), ...kept.map(String)])}`;
  const earlier = parseEpicBody(issue.body).manifest;
  const manifest: Manifest = {
    batch,
    // A rerun writes the very same body: the first adoption's time is kept.
    created: earlier?.batch === batch ? earlier.created : params.now.toISOString(),
    theme: ADOPTED_THEME,
    config: { adopted: true, branchPrefix: prefix },
    tickets: phases.flatMap((phase) =>
      phase.children.map((child) => {
        const labels = (snapshot.children.get(child.number) as Extract<ChildLookup, { kind: "issue" }>).labels;
        return { issue: child.number, phase: phase.number, priority: severityOf(labels), complexity: complexityOf(labels), estimatedFiles: 1, dependsOn: [] };
      }),
    ),
  };
  const overview = read.overview || `${kept.length} issues in ${phases.length} phase${phases.length === 1 ? "" : "s"}, from a plan written by hand and adopted by Factory.`;
  const body = renderEpicBody({ theme: ADOPTED_THEME, slug, overview, phases, manifest });
  if (body.length > config.epics.maxBodyChars) {
    return {
      ...withRead,
      refused: `In Factory's format #${issue.number}'s body would take ${body.length} characters, over the ${config.epics.maxBodyChars} an epic may have. Shorten the text above the children, or split the epic.`,
    };
  }

  const plan: AdoptPlan = { ...withRead, phases, slug, branch, branchReused: reused !== undefined, actions: [] };
  const actions: Action[] = [{ kind: "editIssueBody", key: `adopt-body:${issue.number}`, issue: issue.number, body, expect: issue.body }];
  if (!snapshot.adoptionRecorded) {
    actions.push({
      kind: "comment",
      key: `adopted:${issue.number}`,
      issue: issue.number,
      body: renderAdoptionRecord({ plan, by: params.by }),
      marker: { kind: "adopted", fields: { epic: `#${issue.number}`, by: params.by } },
    });
  }
  const labels = [
    { name: config.labels.epic, color: "3e4b9e", description: "An epic: children grouped in phases on one branch" },
    { name: config.labels.adopted, color: "5319e7", description: "An epic made by hand that Factory runs since /factory adopt" },
  ];
  for (const label of labels) {
    if (!snapshot.repoLabels.has(label.name.toLowerCase())) actions.push({ kind: "ensureLabel", key: `label:${label.name}`, ...label });
  }
  const missing = labels.map((label) => label.name).filter((name) => !hasLabel(issue.labels, name));
  if (missing.length > 0) actions.push({ kind: "addLabels", key: `adopt-labels:${issue.number}`, issue: issue.number, labels: missing });
  return { ...plan, actions };
}

function dropReason(params: { number: number; snapshot: AdoptSnapshot; epicLabel: string }): string | undefined {
  const { number, snapshot } = params;
  if (number === snapshot.issue.number) return "it is this epic itself";
  const found = snapshot.children.get(number);
  if (!found || found.kind === "missing") return "no issue has this number in this repository";
  if (found.kind === "pull") return "it is a pull request, not an issue";
  const other = snapshot.inOtherEpics.get(number);
  if (other !== undefined) return `it is already in Factory's epic #${other}; take it out there first`;
  if (hasLabel(found.labels, params.epicLabel)) return "it is an epic itself";
  return undefined;
}

/**
 * The slug of an existing branch `<prefix><number>-<slug>` to reuse, when
 * its name is one Factory would write for that slug (so every stage finds
 * it again by name); the first in name order if there are several.
 */
function reusableBranch(params: { prefix: string; number: number; branches: readonly string[] }): string | undefined {
  const start = `${params.prefix}${params.number}-`;
  return [...params.branches]
    .sort()
    .filter((branch) => branch.startsWith(start))
    .map((branch) => branch.slice(start.length))
    .find((slug) => epicBranch({ prefix: params.prefix, number: params.number, slug }) === `${start}${slug}`);
}

/** A short branch slug from the epic's title: `EPIC: MCP daemon` → `mcp-daemon`. */
export function slugOf(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/^\s*\[?epic\b\]?\s*(?:\(([^)]*)\))?\s*[:\-–—]?\s*/, (_m, scope: string | undefined) => (scope ? `${scope} ` : ""))
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > 40) break;
    slug = next;
  }
  return slug || "epic";
}

function severityOf(labels: readonly string[]): string {
  for (const label of labels.map((l) => l.toLowerCase())) {
    const value = label.startsWith("severity:") ? label.slice("severity:".length) : label;
    if ((SEVERITIES as readonly string[]).includes(value)) return value;
  }
  return "medium";
}

function complexityOf(labels: readonly string[]): string {
  for (const label of labels.map((l) => l.toLowerCase())) {
    const value = label.startsWith("complexity:") ? label.slice("complexity:".length) : undefined;
    if (value && (COMPLEXITIES as readonly string[]).includes(value)) return value;
  }
  return "medium";
}

function hasLabel(labels: readonly string[], name: string): boolean {
  return labels.some((label) => label.toLowerCase() === name.toLowerCase());
}
