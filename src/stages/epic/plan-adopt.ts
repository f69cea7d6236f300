import type { Config } from "../../config/schema.js";
import { adoptActions } from "./adopt-actions.js";
import { ADOPTED_THEME, adoptManifest } from "./adopt-manifest.js";
import { adoptPhases } from "./adopt-phases.js";
import { epicBranch } from "./epic-branch.js";
import { hasLabel } from "./has-label.js";
import { readHandMadeEpic, type HandMadeEpic } from "./read-hand-made-epic.js";
import { renderEpicBody } from "../../model/render-epic-body.js";

export { ADOPTED_THEME } from "./adopt-manifest.js";
export type { AdoptGate, AdoptPlan, AdoptSnapshot, AdoptTarget, ChildLookup, DroppedChild } from "./adopt-plan.js";
import type { AdoptGate, AdoptPlan, AdoptSnapshot } from "./adopt-plan.js";

/** GitHub links at most 100 sub-issues to one parent, closed ones included. https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/adding-sub-issues */
export const MAX_ADOPTED_CHILDREN = 100;


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
  const unreadable = listRefusal(issue.number, read);
  if (unreadable) return { ...base, read, refused: unreadable };

  const { phases, dropped, retick } = adoptPhases({ read, snapshot, epicLabel: config.labels.epic });
  const kept = phases.flatMap((phase) => phase.children.map((child) => child.number));
  const withRead = { ...base, read, dropped, retick };
  if (kept.length === 0) return { ...withRead, refused: `None of the children listed in #${issue.number} can be adopted.` };

  const prefix = config.epics.branchPrefix;
  const reused = reusableBranch({ prefix, number: issue.number, branches: snapshot.epicBranches });
  const slug = reused ?? slugOf(issue.title);
  const branch = epicBranch({ prefix, number: issue.number, slug });
  const manifest = adoptManifest({ snapshot, phases, kept, prefix, now: params.now });
  const overview = read.overview || `${kept.length} issues in ${phases.length} phase${phases.length === 1 ? "" : "s"}, from a plan written by hand and adopted by Factory.`;
  const body = renderEpicBody({ theme: ADOPTED_THEME, slug, overview, phases, manifest });
  if (body.length > config.epics.maxBodyChars) {
    return {
      ...withRead,
      refused: `In Factory's format #${issue.number}'s body would take ${body.length} characters, over the ${config.epics.maxBodyChars} an epic may have. Shorten the text above the children, or split the epic.`,
    };
  }

  const plan: AdoptPlan = { ...withRead, phases, slug, branch, branchReused: reused !== undefined, actions: [] };
  return { ...plan, actions: adoptActions({ plan, snapshot, config, body, by: params.by }) };
}

/** Why the children a hand-made body lists cannot be adopted: none at all, or more than GitHub links to one parent. */
function listRefusal(epic: number, read: HandMadeEpic): string | undefined {
  if (read.phases.every((phase) => phase.children.length === 0)) {
    return (
      `Factory found no child in #${epic}'s body. It reads \`### Phase N: name (blocking|parallel|cleanup)\` sections of \`- [ ] #12 - title\` lines, ` +
      "a plain checklist of `- [ ] #12` lines, or category sections (`### Security`, `## Testing` …) holding such lines."
    );
  }
  const listed = read.phases.reduce((sum, phase) => sum + phase.children.length, 0);
  if (listed > MAX_ADOPTED_CHILDREN) {
    return `#${epic} lists ${listed} children; GitHub links at most ${MAX_ADOPTED_CHILDREN} sub-issues to one parent. Split it into epics of ${MAX_ADOPTED_CHILDREN} or fewer and adopt each.`;
  }
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
