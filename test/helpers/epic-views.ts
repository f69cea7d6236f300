import type { Sandbox } from "@factory/sandbox";

/** An issue of acme/api as the epic stories read it. */
export type StoryIssue = { number: number; id: number; title: string; body: string | null; state: string; labels: Array<{ name: string }> };

/** The views the epic stories take of acme/api: its issues, Factory's epics in number order, and Factory's comments on one issue. */
export function epicViews(sandbox: () => Sandbox) {
  const issues = () => sandbox().issues("acme", "api") as unknown as StoryIssue[];
  return {
    issues,
    epics: () => issues().filter((issue) => (issue.body ?? "").includes("factory:epic ")).sort((a, b) => a.number - b.number),
    factoryComments: (number: number) => sandbox().comments("acme", "api", number).filter((c) => c.user.login === "factory[bot]"),
  };
}
