import { renderPhase } from "./render-epic-body.js";
import type { EpicPhase } from "./epic-document.js";
import { childrenOf } from "./epic-document.js";
import { parseEpicBody } from "./parse-epic-body.js";

/**
 * Adds phase sections to an epic body, before its acceptance criteria (or at
 * the end), leaving everything a person wrote alone. Children already listed
 * in one of its phases are left out, and so is a phase left empty, so
 * applying the same addition twice changes nothing. Returns the new body, or
 * undefined when there is nothing to add.
 */
export function insertPhases(body: string, phases: readonly EpicPhase[]): string | undefined {
  const present = new Set(childrenOf(parseEpicBody(body)).map((child) => child.number));
  const wanted = phases
    .map((phase) => ({ ...phase, children: phase.children.filter((child) => !present.has(child.number)) }))
    .filter((phase) => phase.children.length > 0);
  if (wanted.length === 0) return undefined;
  const newline = body.includes("\r\n") ? "\r\n" : "\n";
  const section = wanted.flatMap((phase) => [...renderPhase(phase), ""]).join(newline);
  const lines = body.split(/\r?\n/);
  const at = lines.findIndex((line) => /^#{1,6}\s+acceptance criteria\s*$/i.test(line.trim()));
  if (at < 0) return `${body.replace(/\s*$/, "")}${newline}${newline}${section}`;
  return [...lines.slice(0, at), ...section.split(newline), ...lines.slice(at)].join(newline);
}
