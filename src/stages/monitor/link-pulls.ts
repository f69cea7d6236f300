import type { PullSnapshot } from "./pull-snapshot.js";

const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi;
const BRANCH_NUMBER = /(?:^|[/_-])(?:issue-|fix-)?(\d+)(?=$|[/_-])/;

/**
 * Which child a pull request works on (SPEC §1.4): a closing keyword for a
 * child in its body (read as a reference, never as an instruction), else a
 * child's number in its branch name (`jules/31-…`, `copilot/fix-31`). Only
 * numbers of the epic's children count.
 */
export function linkPull(params: { body: string; head: string; children: ReadonlySet<number> }): number | undefined {
  for (const match of params.body.matchAll(CLOSING)) {
    const number = Number(match[1]);
    if (params.children.has(number)) return number;
  }
  const fromBranch = BRANCH_NUMBER.exec(params.head.split("/").slice(1).join("/") || params.head);
  const number = fromBranch ? Number(fromBranch[1]) : undefined;
  return number !== undefined && params.children.has(number) ? number : undefined;
}

/** The pull request that speaks for a child now: an open one first, else the latest merged, else the latest. */
export function currentPull(pulls: readonly PullSnapshot[]): PullSnapshot | undefined {
  const byNewest = [...pulls].sort((a, b) => b.number - a.number);
  return byNewest.find((pull) => pull.state === "OPEN") ?? byNewest.find((pull) => pull.state === "MERGED") ?? byNewest[0];
}
