import type { EpicPhase, Manifest } from "../../../src/model/epic-document.js";
import type { RenderEpicBodyParams } from "../../../src/model/render-epic-body.js";
import { CONFIG } from "./make-candidate.js";

/** Three phases of a security epic: a blocker, two parallel fixes, a docs cleanup. */
export const PHASES: EpicPhase[] = [
  { number: 1, name: "Foundations", kind: "blocking", children: [{ number: 40, title: "quality(db): add a parameterised query helper", checked: false }] },
  {
    number: 2,
    name: "Implementation",
    kind: "parallel",
    children: [
      { number: 41, title: "security(api): SQL injection in search", checked: false },
      { number: 42, title: "security(api): SQL injection in export", checked: false },
    ],
  },
  { number: 3, name: "Cleanup", kind: "cleanup", children: [{ number: 43, title: "docs(security): document the query helper", checked: false }] },
];

/** The manifest Factory would write for {@link PHASES}. */
export const MANIFEST: Manifest = {
  batch: "b-0123456789abcdef",
  created: "2026-11-22T09:00:00.000Z",
  theme: "security",
  config: { maxChildren: 10, phaseNames: { ...CONFIG.epics.phaseNames }, branchPrefix: "epic/" },
  tickets: [
    { issue: 40, phase: 1, priority: "high", complexity: "medium", estimatedFiles: 2, dependsOn: [] },
    { issue: 41, phase: 2, priority: "high", complexity: "small", estimatedFiles: 1, dependsOn: [40] },
    { issue: 42, phase: 2, priority: "medium", complexity: "small", estimatedFiles: 1, dependsOn: [40] },
    { issue: 43, phase: 3, priority: "low", complexity: "small", estimatedFiles: 1, dependsOn: [] },
  ],
};

/** Everything renderEpicBody needs for the golden epic. */
export const EPIC: RenderEpicBodyParams = {
  theme: "security",
  slug: "security",
  overview: "4 implementation issues (2 high, 1 medium, 1 low) in 3 phases.",
  phases: PHASES,
  manifest: MANIFEST,
};
