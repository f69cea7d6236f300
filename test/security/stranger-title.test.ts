import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { visit } from "unist-util-visit";
import { afterEach, describe, expect, it } from "vitest";
import { childrenOf } from "../../src/model/epic-document.js";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";

/**
 * A stranger's text reaches GitHub through Factory only neutralised (SPEC
 * §5): a title copied into an epic body pings no one, closes nothing,
 * renders no HTML and links nowhere; and the titles Factory makes stay
 * within GitHub's 256 characters.
 */

const BOT = "factory[bot]";
/** acme/api with the automatic stages off: stages run only when asked. */
const MANUAL = "_extends: .github\n";
const HOSTILE = "security(api): @acme/admins @mona <img src=x onerror=alert(1)> [x](https://evil.example) fixes #1";

type SandboxIssue = { number: number; title: string; body: string | null; state: string; user: { login: string } };

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const issues = () => h.sandbox.issues("acme", "api") as unknown as SandboxIssue[];
const epics = () => issues().filter((issue) => issue.user.login === BOT && (issue.body ?? "").includes("<!-- factory:epic "));

/**
 * An issue in `type(component): what` form, opened by `login`. A stranger's
 * issue is grouped only once a maintainer triaged it, so mona labels its type
 * (the title, still the stranger's words, is what these stories are about).
 */
function open(login: string, title: string): number {
  const number = h.sandbox.as(login).createIssue({ owner: "acme", repo: "api", title, body: "## Locations\n\n- `internal/api/handler.go:10`\n" }).number;
  if (login !== "mona") h.sandbox.as("mona").addLabels({ owner: "acme", repo: "api", issue: number, labels: [`type:${title.split("(")[0] ?? "quality"}`] });
  return number;
}

async function say(body: string, issue: number): Promise<string> {
  const comment = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue, body });
  await h.settle();
  return h.sandbox.comments("acme", "api", issue).find((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${comment.id} `))?.body ?? "";
}

/** What GitHub would render live in `markdown`: mentions, closing references, links and raw HTML. */
function rendered(markdown: string): { mentions: string[]; closing: string[]; links: string[]; html: string[] } {
  const tree: Root = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const found = { mentions: [] as string[], closing: [] as string[], links: [] as string[], html: [] as string[] };
  visit(tree, (node) => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") found.links.push(node.url);
    if (node.type === "html") found.html.push(node.value);
    if (node.type === "text") {
      // GitHub's mention filter: `@name` or `@org/team` after anything but a word character.
      for (const m of node.value.matchAll(/(?:^|[^\w])@([A-Za-z0-9][\w-]*(?:\/[\w.-]+)?)/g)) found.mentions.push(m[1] as string);
      for (const m of node.value.matchAll(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s*((?:[\w.-]+\/[\w.-]+)?#\d+)/gi)) found.closing.push(m[1] as string);
    }
  });
  return found;
}

describe("a stranger's issue title in an epic body", () => {
  it("is neutralised: no mention, closing reference, HTML or link survives", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const hostile = open(h.world.visitor, HOSTILE);
    const a = open("mona", "security(api): login form has no rate limit");
    const b = open("mona", "security(auth): token refresh has no rate limit");
    const reply = await say("/factory epic", h.world.audits[0] as number);

    const [epic, ...others] = epics();
    expect(others).toEqual([]);
    expect(reply).toContain(`created #${epic?.number}`);
    const body = epic?.body ?? "";
    expect(childrenOf(parseEpicBody(body)).map((child) => child.number).sort((x, y) => x - y)).toEqual([hostile, a, b].sort((x, y) => x - y));

    const live = rendered(body);
    expect(live.mentions).toEqual([]);
    expect(live.closing).toEqual([]);
    expect(live.links.filter((url) => url.includes("evil.example"))).toEqual([]);
    expect(live.html.filter((html) => !html.startsWith("<!-- factory:") && !/^<\/?(details|summary)>/.test(html))).toEqual([]);
    expect(body).not.toContain("<img");
    expect(body).not.toMatch(/@(acme\/admins|mona)\b/);
    expect(body).not.toMatch(/fixes\s*#1/);
    expect(body).not.toContain("](https://evil.example)");
    // Still readable: the words are all there, the link's address shown as text.
    const line = body.split("\n").find((l) => l.includes(`#${hostile} - `)) ?? "";
    expect(line.replaceAll("\u200b", "")).toContain("security(api): @acme/admins @mona x (https://evil.example) fixes #1");
    // The reply to the maintainer copies nothing of it either.
    expect(rendered(reply).mentions).toEqual([]);
  });

  it("never carries a forged marker from a title as an HTML comment", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const forged = open(h.world.visitor, "quality(api): <!-- factory:epic theme=quality slug=quality batch=forged --> tidy error wrapping");
    open("mona", "quality(api): wrap store errors");
    open("mona", "quality(web): show error pages");
    await say("/factory epic", h.world.audits[0] as number);

    const [epic] = epics();
    const body = epic?.body ?? "";
    expect(body).toContain(`#${forged} - quality(api): tidy error wrapping`);
    expect(body.match(/<!-- factory:epic /g)).toHaveLength(1);
    expect(body).not.toContain("batch=forged");
  });

  it("control: an ordinary title from the same stranger is shown as written", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    const title = "security(api): login form accepts 10,000 attempts a minute (see #1)";
    const plain = open(h.world.visitor, title);
    open("mona", "security(api): session cookie lacks SameSite");
    open("mona", "security(auth): token refresh has no rate limit");
    await say("/factory epic", h.world.audits[0] as number);

    const [epic] = epics();
    expect(epic?.body).toContain(`- [ ] #${plain} - ${title}\n`);
  });
});

describe("titles Factory makes", () => {
  /** A directory name as long as some generated ones get: 300 characters. */
  const LONG_DIRECTORY = Array.from({ length: 30 }, (_, i) => `generated${i}`).join("-").slice(0, 300);

  it("stay within GitHub's 256 characters when a finding's component is a 300-character directory name", async () => {
    h = await startFactory({ repoConfig: MANUAL });
    expect(LONG_DIRECTORY).toHaveLength(300);
    const audit = h.sandbox.as("mona").createIssue({
      owner: "acme",
      repo: "api",
      title: "[Audit] Generated code review",
      body: [
        "## Findings",
        "",
        "### 1. SQL injection in the generated search handler (high)",
        `\`src/${LONG_DIRECTORY}/search.go:12\` builds SQL from the query string.`,
        "",
        "### 2. Secrets logged at debug level in the generated client (critical)",
        `\`src/${LONG_DIRECTORY}/client.go:40\` prints the API token.`,
      ].join("\n"),
    }).number;
    const reply = await say("/factory audit", audit);

    const made = issues().filter((issue) => issue.user.login === BOT && (issue.body ?? "").includes("<!-- factory:finding "));
    // Before titles were fitted, GitHub answered 422 and the command stopped with an error comment.
    expect(h.sandbox.comments("acme", "api", audit).map((c) => c.body).join("\n")).not.toContain("factory:error");
    expect(reply).toContain("Created 2 issues");
    expect(made).toHaveLength(2);
    for (const issue of made) {
      expect(Array.from(issue.title).length).toBeLessThanOrEqual(256);
      expect(issue.title).toMatch(/^security\(generated0-generated1-generated2…\): /);
    }
    expect(made.map((issue) => issue.title.split("): ")[1]).sort()).toEqual([
      "SQL injection in the generated search handler",
      "secrets logged at debug level in the generated client",
    ]);
    expect(h.sandbox.issues("acme", "api").find((issue) => issue.number === audit)?.state).toBe("closed");
  });
});
