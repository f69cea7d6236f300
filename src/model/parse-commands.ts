import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { BudgetView, Command, CommandLine, DispatchTarget, ParsedCommand, Verb } from "./command.js";
import { findVerb } from "./command-verbs.js";

/** GitHub rejects longer comments, so nothing past this can be a real command. */
const MAX_BODY = 65_536;
/** More commands than this in one comment are refused: one comment, one bounded job. */
const MAX_COMMANDS = 10;
/** A command line longer than this is refused rather than tokenised. */
const MAX_LINE = 1_000;
const MAX_TEXT = 200;
const MAX_WORD = 64;
const MAX_QUOTED = 30;
const MAX_PHASE = 50;
const MAX_DISPATCH_ISSUES = 50;
const MAX_FORECAST_DAYS = 365;
/** GitHub issue numbers are 32-bit signed integers. */
const MAX_ISSUE = 2 ** 31 - 1;

const PREFIX = "/factory";
const DRY_RUN = "--dry-run";
/**
 * Characters removed before a line is read: C0/C1 controls except tab and
 * newline, format characters (bidi overrides and isolates, zero-width
 * characters, tag characters), line/paragraph separators, lone surrogates and
 * variation selectors. They are invisible, so a reader of the comment could
 * not see what they would otherwise change.
 */
const INVISIBLE = /(?![\t\n])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;
/** Visible whitespace that may follow `/factory` (zero-width characters may not). */
const AFTER_PREFIX = /^[\t \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]$/;
const SEPARATORS = /[\s,]+/;
const DIGITS = /^[0-9]{1,10}$/;
const BUDGET_EXPECTED = "`--plan`, `--history`, `--team` or `--forecast DAYS`";
/**
 * GFM's tree extensions without their transforms. The only transform, autolink
 * literals, walks the tree recursively and overflows the stack on a comment of
 * thousands of nested quotes; links inside a line do not matter here anyway.
 */
const GFM_TREE = gfmFromMarkdown().map(({ transforms: _transforms, ...extension }) => extension);
const BUDGET_VIEWS: ReadonlyMap<string, BudgetView> = new Map([
  ["--plan", "plan"],
  ["--history", "history"],
  ["--team", "team"],
  ["--forecast", "forecast"],
]);

/** A line whose raw text starts like a command, before Markdown has had its say. */
interface Candidate {
  /** 1-based line number. */
  line: number;
  /** The line's text. */
  raw: string;
  /** Offset of the `/` of `/factory` in the examined body. */
  offset: number;
}

/**
 * Finds the `/factory` commands in a comment body (SPEC §3) — a pure function.
 *
 * A line is a command when, after at most three spaces, it starts with
 * `/factory` (any letter case) followed by whitespace or the end of the line,
 * and the Markdown parser (CommonMark + GFM) puts it in a top-level paragraph
 * as plain text. So lines in fenced or indented code, block quotes (including
 * their lazy continuation lines), HTML blocks and comments, inline code or
 * inline HTML spanning lines, list items (including lazy continuations of an
 * item), tables and headings are not commands, nor is `/factory` in the
 * middle of a line. A zero-width or bidi character inside or before
 * `/factory` also disqualifies the line; elsewhere such characters are
 * removed before the line is read.
 *
 * Each command line becomes one entry, in order: a {@link Command}, `unknown`
 * (bare `/factory` is `help`) or `invalid`. Only the first 65,536 characters
 * are examined (GitHub's maximum comment length) and at most 10 commands are
 * read; if there are more, one extra `invalid` entry with an empty `verbWord`
 * says how many were ignored. CRLF and CR count as one line break.
 */
export function parseCommands(body: string): ParsedCommand[] {
  const source = body.slice(0, MAX_BODY).replace(/\r\n?/g, "\n");
  const candidates = findCandidates(source);
  // Most comments hold no command: skip the Markdown parse for them.
  if (candidates.length === 0) return [];
  const lines = inPlainParagraphs(source, candidates);
  const parsed = lines.slice(0, MAX_COMMANDS).map(parseLine);
  const ignored = lines.slice(MAX_COMMANDS);
  const first = ignored[0];
  if (first) {
    parsed.push({
      verb: "invalid",
      verbWord: "",
      problem: `A comment may hold at most ${MAX_COMMANDS} commands; the ${ignored.length} after line ${lines[MAX_COMMANDS - 1]?.line} were ignored.`,
      dryRun: false,
      line: first.line,
      text: cleanText(first.raw),
    });
  }
  return parsed;
}

/** Lines whose raw text starts with `/factory` (up to 3 leading spaces, ASCII case-insensitive). */
function findCandidates(source: string): Candidate[] {
  const found: Candidate[] = [];
  let start = 0;
  let line = 1;
  while (start <= source.length) {
    const newline = source.indexOf("\n", start);
    const end = newline === -1 ? source.length : newline;
    let at = start;
    while (at < end && at - start < 3 && source[at] === " ") at += 1;
    if (startsWithPrefix(source, at, end)) found.push({ line, raw: source.slice(start, end), offset: at });
    if (newline === -1) break;
    start = newline + 1;
    line += 1;
  }
  return found;
}

function startsWithPrefix(source: string, at: number, end: number): boolean {
  if (end - at < PREFIX.length) return false;
  if (asciiLower(source.slice(at, at + PREFIX.length)) !== PREFIX) return false;
  const next = at + PREFIX.length;
  return next === end || AFTER_PREFIX.test(source.charAt(next));
}

/** Keeps the candidates whose `/` lies in a text node of a top-level paragraph. */
function inPlainParagraphs(source: string, candidates: Candidate[]): Candidate[] {
  const tree: Root = fromMarkdown(source, { extensions: [gfm()], mdastExtensions: GFM_TREE });
  const paragraphs = tree.children.filter((child) => child.type === "paragraph");
  const ranges = textRanges(paragraphs);
  return candidates.filter((candidate) => containsOffset(ranges, candidate.offset));
}

/**
 * Source ranges of the text nodes under `roots`, in document order (so they
 * can be binary-searched). The walk uses an explicit stack: hostile input can
 * nest emphasis thousands deep, too deep for recursion.
 */
function textRanges(roots: Nodes[]): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  const stack: Nodes[] = [...roots].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === "text") {
      const from = node.position?.start.offset;
      const to = node.position?.end.offset;
      if (from !== undefined && to !== undefined) ranges.push([from, to]);
    } else if ("children" in node) {
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as Nodes);
    }
  }
  return ranges;
}

function containsOffset(ranges: ReadonlyArray<readonly [number, number]>, offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = ranges[middle] as readonly [number, number];
    if (offset < from) high = middle - 1;
    else if (offset >= to) low = middle + 1;
    else return true;
  }
  return false;
}

/** Reads one command line into its entry. */
function parseLine(candidate: Candidate): ParsedCommand {
  const text = cleanText(candidate.raw);
  const rest = candidate.raw.replace(INVISIBLE, "").trimStart().slice(PREFIX.length);
  const [word, ...after] = rest.split(SEPARATORS).filter((token) => token !== "");
  const dryRun = after.some((token) => asciiLower(token) === DRY_RUN);
  const base: CommandLine = { dryRun, line: candidate.line, text };
  if (word === undefined) return { ...base, verb: "help" };
  const info = findVerb(asciiLower(word));
  if (!info) return { ...base, verb: "unknown", word: truncate(word, MAX_WORD) };
  const invalid = (problem: string): ParsedCommand => ({ ...base, verb: "invalid", verbWord: info.verb, problem });
  if (rest.length > MAX_LINE) return invalid(`The command is longer than ${MAX_LINE.toLocaleString("en-US")} characters.`);
  const args = after.filter((token) => asciiLower(token) !== DRY_RUN);
  const result = parseArguments(info.verb, args, base);
  return typeof result === "string" ? invalid(result) : result;
}

/** The command for `verb` and its arguments, or the problem with them. */
function parseArguments(verb: Verb, args: string[], base: CommandLine): Command | string {
  switch (verb) {
    case "help":
    case "epic":
    case "status":
    case "sync":
    case "pause":
    case "resume":
      return noArguments(verb, args) ?? { ...base, verb };
    case "audit": {
      const [first, ...extra] = args;
      if (first === undefined) return { ...base, verb, all: false };
      if (asciiLower(first) !== "all") return unexpected(verb, first, "`all`");
      return extra[0] === undefined ? { ...base, verb, all: true } : unexpected(verb, extra[0]);
    }
    case "dispatch": {
      const target = parseDispatchTarget(args);
      return typeof target === "string" ? target : { ...base, verb, target };
    }
    case "budget":
      return parseBudget(args, base);
    case "retry":
    case "escalate": {
      const [first, ...extra] = args;
      if (first === undefined) return `\`${verb}\` needs the issue to act on, like \`/factory ${verb} #12\`.`;
      const issue = parseIssueRef(first);
      if (issue === undefined) return notAnIssue(verb, first);
      return extra[0] === undefined ? { ...base, verb, issue } : unexpected(verb, extra[0]);
    }
  }
}

function noArguments(verb: Verb, args: string[]): string | undefined {
  const first = args[0];
  return first === undefined ? undefined : unexpected(verb, first);
}

function parseDispatchTarget(args: string[]): DispatchTarget | string {
  const [first, ...extra] = args;
  if (first === undefined) {
    return "`dispatch` needs a target: `phase N`, `next`, or issues like `#12 #15`.";
  }
  const keyword = asciiLower(first);
  if (keyword === "next") return extra[0] === undefined ? { kind: "next" } : unexpected("dispatch", extra[0]);
  if (keyword === "phase") {
    const [number, ...more] = extra;
    if (number === undefined) return `\`dispatch phase\` needs a phase number from 1 to ${MAX_PHASE}.`;
    const phase = parseBounded(number, 1, MAX_PHASE);
    if (phase === undefined) return `${quote(number)} is not a phase number from 1 to ${MAX_PHASE}.`;
    return more[0] === undefined ? { kind: "phase", phase } : unexpected("dispatch", more[0]);
  }
  if (!first.startsWith("#")) {
    return unexpected("dispatch", first, "`phase N`, `next`, or issues like `#12 #15`");
  }
  const issues: number[] = [];
  for (const token of args) {
    const issue = parseIssueRef(token);
    if (issue === undefined) return notAnIssue("dispatch", token);
    if (!issues.includes(issue)) issues.push(issue);
    if (issues.length > MAX_DISPATCH_ISSUES) {
      return `\`dispatch\` takes at most ${MAX_DISPATCH_ISSUES} issues at a time.`;
    }
  }
  return { kind: "issues", issues };
}

function parseBudget(args: string[], base: CommandLine): Command | string {
  let view: BudgetView = "summary";
  let chosen: string | undefined;
  let days: number | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const token = args[index] as string;
    const flag = asciiLower(token);
    const next = BUDGET_VIEWS.get(flag);
    if (next === undefined) return unexpected("budget", token, BUDGET_EXPECTED);
    if (chosen === flag) return `\`${flag}\` is given twice.`;
    if (chosen !== undefined) return `\`budget\` shows one view at a time; choose \`${chosen}\` or \`${flag}\`.`;
    chosen = flag;
    view = next;
    if (next !== "forecast") continue;
    const value = args[index + 1];
    if (value === undefined) return `\`--forecast\` needs a number of days from 1 to ${MAX_FORECAST_DAYS}.`;
    days = parseBounded(value, 1, MAX_FORECAST_DAYS);
    if (days === undefined) return `${quote(value)} is not a number of days from 1 to ${MAX_FORECAST_DAYS}.`;
    index += 1;
  }
  return days === undefined ? { ...base, verb: "budget", view } : { ...base, verb: "budget", view, days };
}

/** The problem for an argument `verb` does not take; options get their own wording. */
function unexpected(verb: Verb, token: string, expected?: string): string {
  if (token.startsWith("-")) return `${quote(token)} is not an option of \`${verb}\`.`;
  const hint = expected === undefined ? "" : `; expected ${expected}`;
  return `\`${verb}\` does not take ${quote(token)}${hint}.`;
}

function notAnIssue(verb: Verb, token: string): string {
  return `${quote(token)} is not an issue reference; \`${verb}\` expects issues written like \`#12\`.`;
}

/** `#N` with 1 ≤ N < 2^31, or undefined. */
function parseIssueRef(token: string): number | undefined {
  return token.startsWith("#") ? parseBounded(token.slice(1), 1, MAX_ISSUE) : undefined;
}

/** A decimal integer within bounds, or undefined; no signs, no fractions, at most 10 digits. */
function parseBounded(token: string, min: number, max: number): number | undefined {
  if (!DIGITS.test(token)) return undefined;
  const value = Number(token);
  return value >= min && value <= max ? value : undefined;
}

/** The line for display: invisible characters removed, trimmed, at most 200 characters. */
function cleanText(raw: string): string {
  return truncate(raw.replace(INVISIBLE, "").trim(), MAX_TEXT);
}

/**
 * `token` as an inline code span, which GitHub never turns into mentions,
 * links or HTML: the fence is one backtick longer than any run inside it.
 */
function quote(token: string): string {
  const shown = truncate(token, MAX_QUOTED);
  let longest = 0;
  let run = 0;
  for (const char of shown) {
    run = char === "`" ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const fence = "`".repeat(longest + 1);
  const pad = shown.startsWith("`") || shown.endsWith("`") ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** At most `max` UTF-16 units, ending in `…` when cut, never splitting a surrogate pair. */
function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let cut = value.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Lower-cases A–Z only. `toLowerCase` maps some non-ASCII letters (the Kelvin
 * sign) onto ASCII ones, which would let look-alike text pass as a verb.
 */
function asciiLower(value: string): string {
  return value.replace(/[A-Z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) + 32));
}
