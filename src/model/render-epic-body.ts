import { stringify } from "yaml";
import { renderMarker } from "./markers.js";
import { neutraliseTitle } from "./neutralise.js";
import type { EpicPhase, Manifest } from "./epic-document.js";

/** Inputs of {@link renderEpicBody}. */
export interface RenderEpicBodyParams {
  theme: string;
  slug: string;
  overview: string;
  phases: readonly EpicPhase[];
  manifest: Manifest;
}

/**
 * The epic body (SPEC §1.2): a hidden marker, an overview, one
 * `### Phase N: name (kind)` section per phase holding `- [ ] #NUM - title`
 * lines, acceptance criteria, and the batch manifest as YAML in a
 * `<details>` block. Children's titles are anyone's text, so they are
 * neutralised (no mention, closing keyword, HTML or link) on one line.
 */
export function renderEpicBody(params: RenderEpicBodyParams): string {
  const lines: string[] = [
    renderMarker({ kind: "epic", fields: { theme: params.theme, slug: params.slug, batch: params.manifest.batch } }),
    "",
    "## Overview",
    "",
    params.overview,
    "",
  ];
  for (const phase of params.phases) lines.push(...renderPhase(phase), "");
  lines.push(
    "## Acceptance criteria",
    "",
    "- [ ] Every child above is closed, its pull request merged into the epic branch",
    "- [ ] CI passes on the epic branch",
    "- [ ] The epic branch is merged into the default branch",
    "",
    "<details>",
    "<summary>Batch manifest</summary>",
    "",
    "```yaml",
    stringify(params.manifest, { lineWidth: 0 }).trimEnd(),
    "```",
    "",
    "</details>",
    "",
  );
  return lines.join("\n");
}

/** One phase section; every way of writing an epic body (new, extended, ticked) goes through it. */
export function renderPhase(phase: EpicPhase): string[] {
  return [
    `### Phase ${phase.number}: ${phase.name} (${phase.kind})`,
    "",
    ...phase.children.map((child) => `- [${child.checked ? "x" : " "}] #${child.number} - ${neutraliseTitle(child.title)}`),
  ];
}
