import { ProbotOctokit } from "probot";
import { fakeContentsFetch, type FakeContents } from "./fake-contents-fetch.js";

/**
 * Probot's Octokit with retries and throttling off (the function form of
 * `defaults`; the object form would leave throttling on) talking to
 * {@link fakeContentsFetch}.
 */
export function testOctokit(params: Parameters<typeof fakeContentsFetch>[0]): {
  octokit: InstanceType<typeof ProbotOctokit>;
  contents: FakeContents;
} {
  const Ctor = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    retry: { enabled: false },
    throttle: { enabled: false },
  }));
  const contents = fakeContentsFetch(params);
  return { octokit: new Ctor({ auth: "test", request: { fetch: contents.fetch } }), contents };
}
