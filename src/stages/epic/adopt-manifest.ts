import { hashOf } from "../audit/fingerprint.js";
import type { EpicPhase, Manifest } from "../../model/epic-document.js";
import { readLabelValues } from "../label-values.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";
import type { AdoptSnapshot, ChildLookup } from "./adopt-plan.js";

/** The theme in an adopted epic's marker: no audit theme, so `/factory epic` never extends a plan a person wrote. */
export const ADOPTED_THEME = "adopted";

/**
 * The manifest of an adopted epic: a batch named after the epic and its
 * children, each child's priority and complexity read from its labels.
 */
export function adoptManifest(params: { snapshot: AdoptSnapshot; phases: readonly EpicPhase[]; kept: readonly number[]; prefix: string; now: Date }): Manifest {
  const { snapshot } = params;
  const { issue } = snapshot;
  const batch = `b-${hashOf(["adopt", String(issue.number), ...params.kept.map(String)])}`;
  const earlier = parseEpicBody(issue.body).manifest;
  return {
    batch,
    // A rerun writes the very same body: the first adoption's time is kept.
    created: earlier?.batch === batch ? earlier.created : params.now.toISOString(),
    theme: ADOPTED_THEME,
    config: { adopted: true, branchPrefix: params.prefix },
    tickets: params.phases.flatMap((phase) =>
      phase.children.map((child) => {
        const labels = (snapshot.children.get(child.number) as Extract<ChildLookup, { kind: "issue" }>).labels;
        const values = readLabelValues(labels);
        return { issue: child.number, phase: phase.number, priority: values.severity ?? "medium", complexity: values.complexity ?? "medium", estimatedFiles: 1, dependsOn: [] };
      }),
    ),
  };
}
