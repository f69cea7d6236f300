import type { Config } from "../../config/schema.js";
import type { PhaseKind } from "../../model/epic-document.js";
import { currentPull } from "./link-pulls.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { MonitorPlan } from "./plan-monitor.js";

/** One child of an epic in `/factory status`. */
export interface EpicStatusChild {
  number: number;
  /** `done` once the issue is closed (for any reason); `missing` when the epic lists an issue that is gone. */
  state: "done" | "open" | "missing";
  /** Carries the dispatched label. */
  dispatched: boolean;
  /** Its current pull request (the open one, else the latest), when it has one. */
  pull?: { number: number; state: "open" | "closed" | "merged" };
  /** What its open pull request waits for, as the monitor's pass says. */
  waiting?: string;
}

/** One phase of an epic in `/factory status`. */
export interface EpicStatusPhase {
  number: number;
  name: string;
  kind: PhaseKind;
  /** Children closed, out of {@link total}. */
  done: number;
  total: number;
  children: EpicStatusChild[];
}

/** What `/factory status` says about one epic, as data. */
export interface EpicStatus {
  number: number;
  title: string;
  branch: string;
  phases: EpicStatusPhase[];
  /** Open pull requests naming a child that no agent or member opened: ignored, only named. */
  strangers: Array<{ pull: number; child: number }>;
}

/**
 * An epic's phases with their progress, and each child's issue state,
 * dispatch and current pull request with what it waits for (from the
 * monitor plan's `waiting`), pure.
 */
export function epicStatus(params: {
  snapshot: EpicMonitorSnapshot;
  plan: Pick<MonitorPlan, "waiting">;
  config: Pick<Config, "labels">;
}): EpicStatus {
  const { snapshot, plan } = params;
  const dispatchedLabel = params.config.labels.dispatched.toLowerCase();
  return {
    number: snapshot.epic.number,
    title: snapshot.epic.title,
    branch: snapshot.epic.branch,
    strangers: (snapshot.strangers ?? []).map(({ pull, child }) => ({ pull, child })),
    phases: snapshot.epic.document.phases.map((phase) => {
      const children = phase.children.map((line): EpicStatusChild => {
        const issue = snapshot.children.get(line.number);
        const pull = issue ? currentPull(issue.pulls) : undefined;
        const waiting = pull && issue?.state !== "closed" ? plan.waiting.find((w) => w.child === line.number)?.reason : undefined;
        return {
          number: line.number,
          state: issue === undefined ? "missing" : issue.state === "closed" ? "done" : "open",
          dispatched: issue?.labels.some((label) => label.toLowerCase() === dispatchedLabel) ?? false,
          ...(pull ? { pull: { number: pull.number, state: pull.state.toLowerCase() as "open" | "closed" | "merged" } } : {}),
          ...(waiting !== undefined ? { waiting } : {}),
        };
      });
      return {
        number: phase.number,
        name: phase.name,
        kind: phase.kind,
        done: children.filter((child) => child.state === "done").length,
        total: children.length,
        children,
      };
    }),
  };
}
