import type { FactoryIdentity } from "../../model/authorship.js";
import { NO_BASE_RULES, type BaseRules } from "./base-rules.js";
import type { PullSnapshot } from "./pull-snapshot.js";
import type { RawPull } from "./raw-pull.js";
import { toPullSnapshot } from "./to-pull-snapshot.js";

/** The pull request snapshots of one pass, made on first use from what the queries have read by then. */
export interface PullSnapshots {
  /** Each pull request becomes a snapshot once per pass (its comments' markers are parsed then); reading thread times re-makes it. */
  snapshots: Map<RawPull, PullSnapshot>;
  rulesByBase: Map<string, BaseRules>;
  /** Filled in once the epic query has answered; pull requests are made into snapshots only after that. */
  repoFacts: { autoMergeAllowed?: boolean };
  toPull: (raw: RawPull) => PullSnapshot;
}

/** An empty set of snapshots for one pass, and `toPull` to make (or reuse) each. */
export function createPullSnapshots(identity: FactoryIdentity, requesters: readonly string[] = []): PullSnapshots {
  const snapshots = new Map<RawPull, PullSnapshot>();
  const rulesByBase = new Map<string, BaseRules>();
  const repoFacts: { autoMergeAllowed?: boolean } = {};
  const toPull = (raw: RawPull): PullSnapshot => {
    const known = snapshots.get(raw);
    if (known) return known;
    const made = {
      ...toPullSnapshot(raw, identity, requesters),
      baseRules: rulesByBase.get(raw.baseRefName) ?? NO_BASE_RULES,
      ...(repoFacts.autoMergeAllowed === undefined ? {} : { repoAutoMergeAllowed: repoFacts.autoMergeAllowed }),
    };
    snapshots.set(raw, made);
    return made;
  };
  return { snapshots, rulesByBase, repoFacts, toPull };
}
