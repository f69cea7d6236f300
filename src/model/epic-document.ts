/** The three kinds of phase, in the order they run (SPEC §1.2). */
export const PHASE_KINDS = ["blocking", "parallel", "cleanup"] as const;
/** One of {@link PHASE_KINDS}. */
export type PhaseKind = (typeof PHASE_KINDS)[number];

/** A `- [ ] #NUM - title` line of an epic. */
export interface EpicChild {
  number: number;
  title: string;
  /** Ticked: the child is done. */
  checked: boolean;
}

/** A `### Phase N: name (kind)` section. */
export interface EpicPhase {
  /** As written in the heading; phases are kept in the order they appear. */
  number: number;
  name: string;
  kind: PhaseKind;
  children: EpicChild[];
}

/** One ticket of the batch manifest. */
export interface ManifestTicket {
  issue: number;
  phase: number;
  priority: string;
  complexity: string;
  estimatedFiles: number;
  dependsOn: number[];
}

/** The batch manifest: what Factory planned, kept in the body as YAML for people and tools. */
export interface Manifest {
  batch: string;
  created: string;
  theme: string;
  config: Record<string, unknown>;
  tickets: ManifestTicket[];
}

/** What an epic body says: the source of truth for later stages. */
export interface EpicDocument {
  /** From the hidden `factory:epic` marker, when Factory made the epic. */
  theme?: string;
  slug?: string;
  batch?: string;
  phases: EpicPhase[];
  manifest?: Manifest;
  /** Children listed more than once; the first listing counts. */
  duplicates: number[];
}

/** Every child of an epic, in phase order. */
export function childrenOf(document: Pick<EpicDocument, "phases">): EpicChild[] {
  return document.phases.flatMap((phase) => phase.children);
}
