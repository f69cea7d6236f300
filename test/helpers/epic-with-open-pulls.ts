import { startFactory, type FactoryHarness } from "./factory-harness.js";

/** One epic for every child, merges by hand (`merge.auto` off), so pull requests stay open until a test merges them. */
const CONFIG = "_extends: .github\nepics:\n  maxChildren: 100\n  themedFrom: 1000\nmerge:\n  auto: false\n";

/** A started Factory whose acme/api has an epic of `size` children, each with an open pull request into its branch. */
export async function epicWithOpenPulls(
  size: number,
  options: { dashboards?: boolean } = {},
): Promise<{ h: FactoryHarness; epic: number; branch: string; children: number[]; pulls: number[] }> {
  const h = await startFactory({ repoConfig: CONFIG, dashboards: options.dashboards ?? false });
  const children = Array.from(
    { length: size },
    (_, i) =>
      h.sandbox.as("mona").createIssue({
        owner: "acme",
        repo: "api",
        title: `quality(pkg${i}): tidy ${i}`,
        body: `- \`internal/pkg${i}/x.go:1\`\n\n## Acceptance criteria\n\n- [ ] done\n`,
        labels: ["type:quality"],
      }).number,
  );
  await h.settle();
  h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
  await h.settle();
  const epic = (h.sandbox.issues("acme", "api") as Array<{ number: number; body: string | null }>).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
  const branch = h.sandbox.branches("acme", "api").find((b) => b.name.startsWith(`epic/${epic}-`))?.name as string;
  const pulls = children.map(
    (child) =>
      h.sandbox.as("mona").openPullRequest({ owner: "acme", repo: "api", head: `agent/${child}-work`, base: branch, title: `work ${child}`, body: `Fixes #${child}`, files: { [`changes/${child}.md`]: "x\n" } })
        .number,
  );
  await h.settle();
  return { h, epic, branch, children, pulls };
}
