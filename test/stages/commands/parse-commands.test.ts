import { describe, expect, it } from "vitest";
import type { ParsedCommand } from "../../../src/stages/commands/command.js";
import { COMMAND_VERBS, changesState, findVerb } from "../../../src/stages/commands/command-verbs.js";
import { parseCommands } from "../../../src/stages/commands/parse-commands.js";

/** An expected entry: every field but `text`, which has its own tests. */
type Expected = Record<string, unknown>;

const cmd = (verb: string, fields: Expected = {}, line = 1, dryRun = false): Expected => ({ verb, ...fields, line, dryRun });
const unknown = (word: string, line = 1, dryRun = false): Expected => ({ verb: "unknown", word, line, dryRun });
const invalid = (verbWord: string, problem: RegExp, line = 1, dryRun = false): Expected => ({
  verb: "invalid",
  verbWord,
  problem: expect.stringMatching(problem),
  line,
  dryRun,
});
const issues = (...numbers: number[]): Expected => ({ target: { kind: "issues", issues: numbers } });

function withoutText(parsed: ParsedCommand[]): Expected[] {
  return parsed.map(({ text: _text, ...rest }) => rest);
}

const range = (count: number, from = 1): number[] => Array.from({ length: count }, (_, index) => from + index);

describe("parseCommands: verbs and arguments", () => {
  it.each<[string, Expected[]]>([
    ["/factory help", [cmd("help")]],
    ["/factory", [cmd("help")]],
    ["/factory   ", [cmd("help")]],
    ["/factory help me", [invalid("help", /does not take `me`/)]],
    ["/factory audit", [cmd("audit", { all: false })]],
    ["/factory audit all", [cmd("audit", { all: true })]],
    ["/factory audit some", [invalid("audit", /does not take `some`; expected `all`/)]],
    ["/factory audit all now", [invalid("audit", /does not take `now`/)]],
    ["/factory epic", [cmd("epic")]],
    ["/factory epic 3", [invalid("epic", /does not take `3`/)]],
    ["/factory adopt", [cmd("adopt")]],
    ["/factory ADOPT --dry-run", [cmd("adopt", {}, 1, true)]],
    ["/factory adopt #12", [invalid("adopt", /does not take `#12`/)]],
    ["/factory adopt --force", [invalid("adopt", /`--force` is not an option of `adopt`/)]],
    ["/factory dispatch phase 2", [cmd("dispatch", { target: { kind: "phase", phase: 2 } })]],
    ["/factory dispatch phase 50", [cmd("dispatch", { target: { kind: "phase", phase: 50 } })]],
    ["/factory dispatch phase 007", [cmd("dispatch", { target: { kind: "phase", phase: 7 } })]],
    ["/factory dispatch phase 51", [invalid("dispatch", /`51` is not a phase number from 1 to 50/)]],
    ["/factory dispatch phase 0", [invalid("dispatch", /`0` is not a phase number/)]],
    ["/factory dispatch phase zero", [invalid("dispatch", /`zero` is not a phase number/)]],
    ["/factory dispatch phase -1", [invalid("dispatch", /`-1` is not a phase number/)]],
    ["/factory dispatch phase 1.5", [invalid("dispatch", /`1.5` is not a phase number/)]],
    ["/factory dispatch phase", [invalid("dispatch", /needs a phase number/)]],
    ["/factory dispatch phase 2 3", [invalid("dispatch", /does not take `3`/)]],
    ["/factory dispatch next", [cmd("dispatch", { target: { kind: "next" } })]],
    ["/factory dispatch next #3", [invalid("dispatch", /does not take `#3`/)]],
    ["/factory dispatch #12 #15", [cmd("dispatch", issues(12, 15))]],
    ["/factory dispatch #15 #12 #15 #12", [cmd("dispatch", issues(15, 12))]],
    ["/factory dispatch #12, #15,#16", [cmd("dispatch", issues(12, 15, 16))]],
    ["/factory dispatch #2147483647", [cmd("dispatch", issues(2147483647))]],
    ["/factory dispatch #2147483648", [invalid("dispatch", /`#2147483648` is not an issue reference/)]],
    ["/factory dispatch #99999999999", [invalid("dispatch", /is not an issue reference/)]],
    ["/factory dispatch #0", [invalid("dispatch", /`#0` is not an issue reference/)]],
    ["/factory dispatch #1 next", [invalid("dispatch", /`next` is not an issue reference/)]],
    ["/factory dispatch", [invalid("dispatch", /needs a target/)]],
    ["/factory dispatch 12", [invalid("dispatch", /does not take `12`; expected `phase N`/)]],
    ["/factory dispatch --all", [invalid("dispatch", /`--all` is not an option of `dispatch`/)]],
    [`/factory dispatch ${range(50).map((n) => `#${n}`).join(" ")}`, [cmd("dispatch", issues(...range(50)))]],
    [`/factory dispatch ${range(51).map((n) => `#${n}`).join(" ")}`, [invalid("dispatch", /at most 50 issues/)]],
    [`/factory dispatch ${[...range(50), ...range(20)].map((n) => `#${n}`).join(" ")}`, [cmd("dispatch", issues(...range(50)))]],
    ["/factory status", [cmd("status")]],
    ["/factory budget", [cmd("budget", { view: "summary" })]],
    ["/factory budget --plan", [cmd("budget", { view: "plan" })]],
    ["/factory budget --history", [cmd("budget", { view: "history" })]],
    ["/factory budget --team", [cmd("budget", { view: "team" })]],
    ["/factory budget --forecast 30", [cmd("budget", { view: "forecast", days: 30 })]],
    ["/factory budget --forecast 365", [cmd("budget", { view: "forecast", days: 365 })]],
    ["/factory budget --forecast 366", [invalid("budget", /`366` is not a number of days from 1 to 365/)]],
    ["/factory budget --forecast 9999", [invalid("budget", /`9999` is not a number of days/)]],
    ["/factory budget --forecast 0", [invalid("budget", /`0` is not a number of days/)]],
    ["/factory budget --forecast", [invalid("budget", /`--forecast` needs a number of days/)]],
    ["/factory budget --forecast soon", [invalid("budget", /`soon` is not a number of days/)]],
    ["/factory budget --plan --team", [invalid("budget", /one view at a time; choose `--plan` or `--team`/)]],
    ["/factory budget --plan --plan", [invalid("budget", /`--plan` is given twice/)]],
    ["/factory budget --force", [invalid("budget", /`--force` is not an option of `budget`/)]],
    ["/factory budget plan", [invalid("budget", /does not take `plan`; expected `--plan`/)]],
    ["/factory sync", [cmd("sync")]],
    ["/factory sync --force", [invalid("sync", /`--force` is not an option of `sync`/)]],
    ["/factory pause", [cmd("pause")]],
    ["/factory resume", [cmd("resume")]],
    ["/factory resume all", [invalid("resume", /does not take `all`/)]],
    ["/factory retry #7", [cmd("retry", { issue: 7 })]],
    ["/factory retry 7", [invalid("retry", /`7` is not an issue reference; `retry` expects issues written like `#12`/)]],
    ["/factory retry", [invalid("retry", /needs the issue to act on/)]],
    ["/factory retry #7 #8", [invalid("retry", /does not take `#8`/)]],
    ["/factory retry #-1", [invalid("retry", /`#-1` is not an issue reference/)]],
    ["/factory escalate #9", [cmd("escalate", { issue: 9 })]],
    ["/factory escalate", [invalid("escalate", /needs the issue/)]],
    ["/factory deploy", [unknown("deploy")]],
    ["/factory Deploy now", [unknown("Deploy")]],
    ["/factory help.", [unknown("help.")]],
    ["/factory --help", [unknown("--help")]],
    ["/factory constructor", [unknown("constructor")]],
    ["/factory __proto__", [unknown("__proto__")]],
  ])("%s", (body, expected) => {
    expect(withoutText(parseCommands(body))).toEqual(expected);
  });
});

describe("parseCommands: letter case and --dry-run", () => {
  it.each<[string, Expected[]]>([
    ["/FACTORY HELP", [cmd("help")]],
    ["/Factory Dispatch NEXT", [cmd("dispatch", { target: { kind: "next" } })]],
    ["/factory AUDIT All", [cmd("audit", { all: true })]],
    ["/factory budget --PLAN", [cmd("budget", { view: "plan" })]],
    ["/factory dispatch next --dry-run", [cmd("dispatch", { target: { kind: "next" } }, 1, true)]],
    ["/factory dispatch --dry-run phase 2", [cmd("dispatch", { target: { kind: "phase", phase: 2 } }, 1, true)]],
    ["/factory audit all --DRY-RUN", [cmd("audit", { all: true }, 1, true)]],
    ["/factory budget --dry-run --forecast 7", [cmd("budget", { view: "forecast", days: 7 }, 1, true)]],
    ["/factory status --dry-run --dry-run", [cmd("status", {}, 1, true)]],
    ["/factory sync --dry-run", [cmd("sync", {}, 1, true)]],
    ["/factory retry --dry-run", [invalid("retry", /needs the issue/, 1, true)]],
    ["/factory deploy --dry-run", [unknown("deploy", 1, true)]],
    ["/factory --dry-run dispatch next", [unknown("--dry-run")]],
    ["/factory dispatch next --dryrun", [invalid("dispatch", /`--dryrun` is not an option/)]],
  ])("%s", (body, expected) => {
    expect(withoutText(parseCommands(body))).toEqual(expected);
  });
});

describe("parseCommands: where a command may stand", () => {
  it.each<[string, string, Expected[]]>([
    ["two leading spaces", "  /factory sync", [cmd("sync")]],
    ["three leading spaces", "   /factory sync", [cmd("sync")]],
    ["four leading spaces (indented code)", "    /factory sync", []],
    ["a leading tab", "\t/factory sync", []],
    ["a tab after /factory", "/factory\tsync", [cmd("sync")]],
    ["a no-break space after /factory", "/factory\u00a0sync", [cmd("sync")]],
    ["mid-line", "Please run /factory sync", []],
    ["/factoryx", "/factoryx sync", []],
    ["/factory-sync", "/factory-sync", []],
    ["/factory:", "/factory: sync", []],
    ["double slash", "//factory sync", []],
    ["no slash", "factory sync", []],
    ["full-width slash", "\uff0ffactory sync", []],
    ["Cyrillic look-alike", "/f\u0430ctory sync", []],
    ["zero-width space inside /factory", "/fac\u200btory sync", []],
    ["zero-width space after /factory", "/factory\u200bsync", []],
    ["bidi override before /factory", "\u202e/factory sync", []],
    ["inline code", "`/factory sync`", []],
    ["inline code spanning lines", "Try `this\n/factory sync` later", []],
    ["fenced code (backticks)", "```\n/factory sync\n```", []],
    ["fenced code (tildes)", "~~~md\n/factory sync\n~~~", []],
    ["unclosed fence", "```\n/factory sync", []],
    ["indented code after a paragraph break", "Text\n\n    /factory sync", []],
    ["block quote", "> /factory sync", []],
    ["block quote without space", ">/factory sync", []],
    ["lazy continuation of a quote", "> quoted\n/factory sync", []],
    ["bullet list item", "- /factory sync", []],
    ["ordered list item", "1. /factory sync", []],
    ["task list item", "- [ ] /factory sync", []],
    ["lazy continuation of a list item", "- item\n/factory sync", []],
    ["indented paragraph of a list item", "- item\n\n  /factory sync", []],
    ["paragraph after a list", "- item\n\n/factory sync", [cmd("sync", {}, 3)]],
    ["HTML comment block", "<!--\n/factory sync\n-->", []],
    ["one-line HTML comment", "<!-- /factory sync -->", []],
    ["inline HTML comment spanning lines", "Note <!--\n/factory sync -->", []],
    ["HTML block", "<div>\n/factory sync\n</div>", []],
    ["paragraph inside <details>", "<details>\n\n/factory sync\n\n</details>", [cmd("sync", {}, 3)]],
    ["setext heading (---)", "/factory sync\n---", []],
    ["setext heading (===) after a longer paragraph", "Hello\n/factory sync\nthere\n===", []],
    ["table header row", "/factory sync | x\n--- | ---", []],
    ["ATX heading", "# /factory sync", []],
    ["footnote definition continuation", "[^1]: a note\n/factory sync", []],
    ["second line of a paragraph", "Please:\n/factory sync", [cmd("sync", {}, 2)]],
    ["after a hard break", "Please:  \n/factory sync", [cmd("sync", {}, 2)]],
    ["inside emphasis", "*Please\n/factory sync\nnow*", [cmd("sync", {}, 2)]],
    ["after a closed fence", "```\ncode\n```\n/factory sync", [cmd("sync", {}, 4)]],
  ])("%s", (_name, body, expected) => {
    expect(withoutText(parseCommands(body))).toEqual(expected);
  });
});

describe("parseCommands: several commands, line endings, hidden characters", () => {
  it.each<[string, string, Expected[]]>([
    [
      "several commands in one comment",
      "/factory status\n/factory budget --team\n\nThanks!\n\n/factory dispatch #4 --dry-run",
      [cmd("status"), cmd("budget", { view: "team" }, 2), cmd("dispatch", issues(4), 6, true)],
    ],
    ["quoted and real commands mixed", "> /factory pause\n\n/factory resume", [cmd("resume", {}, 3)]],
    ["CRLF line endings", "Hi\r\n/factory status\r\n/factory sync\r\n", [cmd("status", {}, 2), cmd("sync", {}, 3)]],
    ["CR line endings", "Hi\r/factory status", [cmd("status", {}, 2)]],
    ["NUL inside the verb", "/factory dis\u0000patch next", [cmd("dispatch", { target: { kind: "next" } })]],
    ["bell at the end", "/factory status\u0007", [cmd("status")]],
    ["C1 control", "/factory sync\u0085", [cmd("sync")]],
    ["zero-width joiner in an argument", "/factory retry #1\u200d2", [cmd("retry", { issue: 12 })]],
    ["bidi override in an argument", "/factory retry #1\u202e2", [cmd("retry", { issue: 12 })]],
    ["bidi isolate around the verb", "/factory \u2066sync\u2069", [cmd("sync")]],
    ["tag characters", "/factory sync\u{E0041}\u{E0042}", [cmd("sync")]],
    ["only invisible characters after the prefix", "/factory \u200b\u200c", [cmd("help")]],
  ])("%s", (_name, body, expected) => {
    expect(withoutText(parseCommands(body))).toEqual(expected);
  });
});

describe("parseCommands: injection attempts are never commands with extra effects", () => {
  it.each<[string, Expected[]]>([
    ["/factory dispatch #1; rm -rf /", [invalid("dispatch", /`#1;` is not an issue reference/)]],
    ["/factory retry #1 $(whoami)", [invalid("retry", /does not take `\$\(whoami\)`/)]],
    ["/factory retry #1 && curl example.com", [invalid("retry", /does not take `&&`/)]],
    ["/factory retry #1`whoami`", [invalid("retry", /^`` #1`whoami` `` is not an issue reference/)]],
    ["/factory retry `#1`", [invalid("retry", /`` `#1` `` is not an issue reference/)]],
    ["/factory <script>alert(1)</script>", [unknown("<script>alert(1)</script>")]],
    ["/factory sync <img src=x onerror=alert(1)>", [invalid("sync", /does not take `<img`/)]],
    ["/factory escalate @octocat", [invalid("escalate", /`@octocat` is not an issue reference/)]],
  ])("%s", (body, expected) => {
    expect(withoutText(parseCommands(body))).toEqual(expected);
  });
});

describe("parseCommands: text", () => {
  it("is the line trimmed, with invisible characters removed", () => {
    const [entry] = parseCommands("Hi\n   /factory  dispatch\u200b next \u202e --dry-run  \t");
    expect(entry?.text).toBe("/factory  dispatch next  --dry-run");
  });

  it("is capped at 200 characters, and an unknown word at 64", () => {
    const word = "a".repeat(300);
    const [entry] = parseCommands(`/factory ${word}`);
    expect(entry?.text).toHaveLength(200);
    expect(entry?.text.endsWith("…")).toBe(true);
    expect(entry).toMatchObject({ verb: "unknown", word: `${"a".repeat(63)}…` });
  });

  it.each<[string, string]>([
    ["text", `/factory x${"😀".repeat(150)}`],
    ["word", `/factory xy${"😀".repeat(150)}`],
  ])("never cuts a surrogate pair in half (%s)", (_name, body) => {
    const [entry] = parseCommands(body);
    expect(entry?.verb).toBe("unknown");
    const cut = entry?.verb === "unknown" ? [entry.text, entry.word] : [];
    for (const value of cut) {
      expect(value.endsWith("…")).toBe(true);
      expect(value).not.toMatch(/\p{Cs}/u);
    }
    expect(cut.map((value) => value.length)).toEqual(_name === "text" ? [199, 64] : [200, 63]);
  });

  it("quotes long or backtick-laden arguments safely in problems", () => {
    const [entry] = parseCommands(`/factory retry ${"`".repeat(40)}`);
    expect(entry).toMatchObject({ verb: "invalid", problem: expect.stringMatching(/^`{30} `{29}… `{30} is not/) });
  });
});

describe("parseCommands: hostile sizes", () => {
  it("reads at most 10 commands and says how many were not", () => {
    const body = range(14).map(() => "/factory sync").join("\n");
    const parsed = parseCommands(body);
    expect(parsed).toHaveLength(11);
    expect(withoutText(parsed.slice(0, 10))).toEqual(range(10).map((line) => cmd("sync", {}, line)));
    expect(withoutText(parsed.slice(10))).toEqual([invalid("", /at most 10 commands; the ones after line 10 were ignored/, 11)]);
  });

  it("reads exactly 10 commands without complaint", () => {
    expect(parseCommands(range(10).map(() => "/factory status").join("\n"))).toHaveLength(10);
  });

  it("does not count ignored lines towards the 10", () => {
    const body = ["```", "/factory pause", "```", ...range(10).map(() => "/factory status")].join("\n");
    expect(withoutText(parseCommands(body))).toEqual(range(10).map((index) => cmd("status", {}, index + 3)));
  });

  it("parses a 1 MB comment of 50,000 lines and returns the capped result", () => {
    const body = range(50_000).map((n) => (n % 5 === 0 ? `/factory retry #${n}` : `line ${n} of a long comment`)).join("\n");
    expect(body.length).toBeGreaterThan(1_000_000);
    const parsed = parseCommands(body);
    expect(parsed).toHaveLength(11);
    expect(parsed[0]).toMatchObject({ verb: "retry", issue: 5, line: 5 });
    expect(parsed[9]).toMatchObject({ verb: "retry", issue: 50, line: 50 });
    expect(parsed[10]).toMatchObject({ verb: "invalid", verbWord: "", line: 55 });
  });

  it("ignores everything past GitHub's 65,536-character limit", () => {
    expect(parseCommands(`${"x".repeat(65_536)}\n/factory sync`)).toEqual([]);
  });

  it("says so when a command lies beyond what the Markdown parser may read", () => {
    const body = `${"word ".repeat(4_000)}\n\n/factory sync`;
    expect(withoutText(parseCommands(body))).toEqual([invalid("", /too long or too deeply nested to read commands from line 1 on/, 3)]);
  });

  it("reads the commands before a too deeply nested line and reports the ones after", () => {
    const body = `/factory status\n\n${"> ".repeat(50)}deep\n\n/factory sync`;
    expect(withoutText(parseCommands(body))).toEqual([
      cmd("status"),
      invalid("", /from line 3 on safely/, 5),
    ]);
  });

  it("reads past ordinary nesting", () => {
    expect(withoutText(parseCommands("> > - 1. quoted list\n\n/factory sync"))).toEqual([cmd("sync", {}, 3)]);
  });

  it("refuses a command line longer than 1,000 characters", () => {
    const body = `/factory dispatch ${range(300).map((n) => `#${n}`).join(" ")}`;
    expect(withoutText(parseCommands(body))).toEqual([invalid("dispatch", /longer than 1,000 characters/)]);
  });

  it.each<[string, string, string]>([
    ["brackets", "[".repeat(8_000), "sync"],
    ["emphasis delimiters", "_*".repeat(4_000), "sync"],
    ["unclosed links", "[a](".repeat(2_000), "sync"],
    ["table rows", `|a|b|\n|-|-|\n${"|x|y|\n".repeat(1_300)}`, "sync"],
    ["link definitions", "[a]: b\n".repeat(1_100), "sync"],
    ["backtick runs", range(120).map((n) => `${"`".repeat(n)}a`).join(""), "sync"],
    ["indented nested lists", range(80).map((n) => `${"  ".repeat(n)}- x`).join("\n"), "sync"],
    ["nested quotes", ">".repeat(60_000), "invalid"],
    ["nested ordered lists", "1. ".repeat(20_000), "invalid"],
    ["quotes and lists", "> - ".repeat(15_000), "invalid"],
    ["many lines of ten nested quotes", `${"> ".repeat(10)}x\n`.repeat(350), "sync"],
  ])("completes on hostile Markdown before the command: %s", (_name, junk, verb) => {
    const parsed = parseCommands(`${junk}\n\n/factory sync`);
    expect(parsed.map((entry) => entry.verb)).toEqual([verb]);
  });

  it("returns nothing, quickly, for a huge comment without /factory", () => {
    expect(parseCommands("> ".repeat(500_000))).toEqual([]);
  });
});

describe("command verbs", () => {
  it("lists every verb exactly once, with a usage that starts with it", () => {
    const verbs = COMMAND_VERBS.map((info) => info.verb);
    expect(new Set(verbs).size).toBe(verbs.length);
    expect([...verbs].sort()).toEqual(
      ["adopt", "audit", "budget", "dispatch", "epic", "escalate", "help", "pause", "resume", "retry", "status", "sync"],
    );
    for (const info of COMMAND_VERBS) expect(info.usage.startsWith(`/factory ${info.verb}`)).toBe(true);
  });

  it("finds verbs by exact key only", () => {
    expect(findVerb("sync")?.verb).toBe("sync");
    expect(findVerb("toString")).toBeUndefined();
    expect(findVerb("SYNC")).toBeUndefined();
  });

  it.each<[string, boolean]>([
    ["/factory help", false],
    ["/factory status", false],
    ["/factory budget --team", false],
    ["/factory audit", true],
    ["/factory epic", true],
    ["/factory adopt", true],
    ["/factory adopt --dry-run", true],
    ["/factory dispatch next", true],
    ["/factory dispatch next --dry-run", true],
    ["/factory sync", true],
    ["/factory pause", true],
    ["/factory resume", true],
    ["/factory retry #1", true],
    ["/factory escalate #1", true],
    ["/factory deploy", false],
    ["/factory retry", false],
  ])("changesState(%s) is %s", (body, expected) => {
    const [command] = parseCommands(body);
    expect(command).toBeDefined();
    expect(changesState(command as ParsedCommand)).toBe(expected);
  });
});
