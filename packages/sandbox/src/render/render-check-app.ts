import type { App } from "../store-types.js";
import { renderApp } from "./render-app.js";

/**
 * The app a check run or suite belongs to. Runs made by the sandbox's CI
 * actor have no sandbox app and are shown as GitHub Actions, whose ids are
 * GitHub's real ones.
 */
export function renderCheckApp(app: App | null): Record<string, unknown> {
  if (app) {
    const rendered = renderApp(app);
    // GitHub's webhook schema for a check suite's app still enumerates the
    // event names of before sub-issues existed; leave the newer one out so
    // the payload stays valid against it.
    return { ...rendered, events: app.events.filter((event) => event !== "sub_issues") };
  }
  return {
    id: 15368,
    slug: "github-actions",
    node_id: "MDM6QXBwMTUzNjg=",
    client_id: "Iv1.05c79e9ad1f6bdfa",
    owner: {
      login: "github",
      id: 9919,
      node_id: "MDEyOk9yZ2FuaXphdGlvbjk5MTk=",
      avatar_url: "https://avatars.githubusercontent.com/u/9919?v=4",
      gravatar_id: "",
      url: "https://api.github.com/users/github",
      html_url: "https://github.com/github",
      followers_url: "https://api.github.com/users/github/followers",
      following_url: "https://api.github.com/users/github/following{/other_user}",
      gists_url: "https://api.github.com/users/github/gists{/gist_id}",
      starred_url: "https://api.github.com/users/github/starred{/owner}{/repo}",
      subscriptions_url: "https://api.github.com/users/github/subscriptions",
      organizations_url: "https://api.github.com/users/github/orgs",
      repos_url: "https://api.github.com/users/github/repos",
      events_url: "https://api.github.com/users/github/events{/privacy}",
      received_events_url: "https://api.github.com/users/github/received_events",
      type: "Organization",
      user_view_type: "public",
      site_admin: false,
    },
    name: "GitHub Actions",
    description: "Automate your workflow from idea to production",
    external_url: "https://help.github.com/en/actions",
    html_url: "https://github.com/apps/github-actions",
    created_at: "2018-07-30T09:30:17Z",
    updated_at: "2024-04-10T20:33:16Z",
    permissions: { actions: "write", checks: "write", contents: "write", issues: "write", metadata: "read", pull_requests: "write" },
    events: ["check_run", "check_suite", "issues", "pull_request", "push"],
  };
}
