import type { Sandbox } from "@factory/sandbox";

/** The demo's `--json` output: the final sandbox state, as the README documents it. */
export interface DemoState {
  issues: Array<{ repo: string; number: number; title: string; state: string; labels: string[] }>;
  pulls: Array<{ repo: string; number: number; state: string; merged: boolean; base: string; head: string }>;
  branches: Array<{ repo: string; name: string }>;
  /** Every line of every ledger file (JSONL under `factory/` on a `factory-ledger` branch). */
  ledger: unknown[];
  requests: { rest: Record<string, number>; graphql: Record<string, number> };
}

const LEDGER_BRANCH = "factory-ledger";

/** Reads the final state out of the sandbox. */
export function summariseState(sandbox: Sandbox): DemoState {
  const snapshot = sandbox.snapshot();
  const issueState = new Map(snapshot.issues.map((i) => [`${i.repo}#${i.number}`, i.state]));
  const repos = snapshot.repositories.map((r) => r.fullName);
  return {
    issues: snapshot.issues
      .filter((i) => i.kind === "issue")
      .map((i) => ({ repo: i.repo, number: i.number, title: i.title, state: i.state, labels: i.labels })),
    pulls: snapshot.pulls.map((p) => ({
      repo: p.repo,
      number: p.number,
      state: issueState.get(`${p.repo}#${p.number}`) ?? "open",
      merged: p.merged,
      base: p.base,
      head: p.head,
    })),
    branches: repos.flatMap((repo) => {
      const [owner, name] = repo.split("/") as [string, string];
      return sandbox.branches(owner, name).map((b) => ({ repo, name: b.name }));
    }),
    ledger: repos.flatMap((repo) => readLedger(sandbox, repo)),
    requests: {
      rest: Object.fromEntries([...sandbox.requests.rest].sort(([a], [b]) => a.localeCompare(b))),
      graphql: Object.fromEntries([...sandbox.requests.graphql].map(([name, g]) => [name, g.count])),
    },
  };
}

function readLedger(sandbox: Sandbox, repo: string): unknown[] {
  const [owner, name] = repo.split("/") as [string, string];
  if (!sandbox.branches(owner, name).some((b) => b.name === LEDGER_BRANCH)) return [];
  const files = sandbox.store.requireRepo(owner, name);
  const sha = files.refs.get(`refs/heads/${LEDGER_BRANCH}`);
  const tree = sha ? sandbox.store.commits.get(sha)?.tree : undefined;
  const paths = [...(tree?.keys() ?? [])].filter((p) => p.endsWith(".jsonl")).sort();
  return paths.flatMap((path) =>
    (sandbox.file(owner, name, LEDGER_BRANCH, path) ?? "")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as unknown),
  );
}
