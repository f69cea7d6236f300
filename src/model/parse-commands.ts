import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { BudgetView, Command, CommandLine, DispatchTarget, ParsedCommand, Verb } from "./command.js";
import { codeSpan } from "./code-span.js";
import { findVerb } from "./command-verbs.js";

/** GitHub rejects longer comments, so nothing past this can be a real command. */
const MAX_BODY = 65_536;
/** The Markdown parser sees at most this much: its worst cases grow faster than linearly. */
const MAX_MARKDOWN = 8_192;
/** A line opening more nested quotes or lists than this stops the parser (each level costs it more). */
const MAX_NESTING = 10;
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
const BLANK = /^[ \t]*$/;
const BUDGET_EXPECTED = "`--plan`, `--history`, `--team` or `--forecast DAYS`";
/**
 * GFM's tree extensions without their transforms. The only transform, autolink
 * literals, walks the tree recursively and overflows the stack on a comment of
 * thousands of nested quotes; links inside a line do not matter here anyway.
 */
const GFM_TREE = gfmFromMarkdown().map(({ transforms: _transforms, ...extension }) => extension);
/**
 * Inline constructs the parser may skip: emphasis and strikethrough only wrap
 * text in more text, and autolink literals and footnote calls cannot span
 * lines, so none of them decides whether a line start is plain text. Emphasis
 * is also the parser's costliest inline construct on hostile input.
 */
const LIGHT_INLINE: ReturnType<typeof gfm> = {
  disable: {
    null: ["attention", "strikethrough", "wwwAutolink", "protocolAutolink", "emailAutolink", "gfmFootnoteCall", "gfmPotentialFootnoteCall"],
  },
};
const BUDGET_VIEWS: ReadonlyMap<string, BudgetView> = new Map([
  ["--plan", "plan"],
  ["--history", "history"],
  ["--team", "team"],
  ["--forecast", "forecast"],
]);

/** A line of the examined body: `[start, end)` offsets, newline excluded. */
interface Line {
  start: number;
  end: number;
}

/** A line whose raw text starts like a command, before Markdown has had its say. */
interface Candidate extends Line {
  /** 1-based line number. */
  line: number;
  /** The line's text. */
  raw: string;
  /** Offset of the `/` of `/factory`. */
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
 * (bare `/factory` is `help`) or `invalid`. CRLF and CR count as one line
 * break.
 *
 * Hostile input is bounded: only the first 65,536 characters are examined
 * (GitHub's maximum comment length) and at most 10 commands are read. The
 * Markdown parser is superlinear on some inputs (thousands of nested quotes
 * or list markers take minutes), so it only sees the first 8,192 characters
 * and stops before a line opening more than 10 nested quotes or lists. When
 * `/factory` lines are left unread for either reason, one extra `invalid`
 * entry with an empty `verbWord` says so, so the author is not met with
 * silence.
 */
export function parseCommands(body: string): ParsedCommand[] {
  const source = body.slice(0, MAX_BODY).replace(/\r\n?/g, "\n");
  const lines = splitLines(source);
  const candidates = findCandidates(source, lines);
  // Most comments hold no command: skip the Markdown parse for them.
  if (candidates.length === 0) return [];
  const reach = readableLines(source, lines);
  const readable = candidates.filter((candidate) => candidate.line <= reach);
  const commands = readable.length === 0 ? [] : inPlainParagraphs(source, lines, readable, reach);
  const parsed = commands.slice(0, MAX_COMMANDS).map(parseLine);
  const extra = commands[MAX_COMMANDS];
  const unread = candidates.find((candidate) => candidate.line > reach);
  if (extra) {
    const last = commands[MAX_COMMANDS - 1]?.line;
    parsed.push(notRead(extra, `A comment may hold at most ${MAX_COMMANDS} commands; the ones after line ${last} were ignored.`));
  } else if (unread) {
    parsed.push(
      notRead(
        unread,
        `This comment is too long or too deeply nested to read commands from line ${reach + 1} on safely, so the \`/factory\` lines there were ignored; post them in a comment of their own.`,
      ),
    );
  }
  return parsed;
}

function notRead(candidate: Candidate, problem: string): ParsedCommand {
  return { verb: "invalid", verbWord: "", problem, dryRun: false, line: candidate.line, text: cleanText(candidate.raw) };
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let newline = source.indexOf("\n"); newline !== -1; newline = source.indexOf("\n", start)) {
    lines.push({ start, end: newline });
    start = newline + 1;
  }
  lines.push({ start, end: source.length });
  return lines;
}

/** Lines whose raw text starts with `/factory` (up to 3 leading spaces, ASCII case-insensitive). */
function findCandidates(source: string, lines: Line[]): Candidate[] {
  const found: Candidate[] = [];
  lines.forEach(({ start, end }, index) => {
    let at = start;
    while (at < end && at - start < 3 && source[at] === " ") at += 1;
    if (end - at < PREFIX.length || asciiLower(source.slice(at, at + PREFIX.length)) !== PREFIX) return;
    const next = at + PREFIX.length;
    if (next !== end && !AFTER_PREFIX.test(source.charAt(next))) return;
    found.push({ line: index + 1, start, end, raw: source.slice(start, end), offset: at });
  });
  return found;
}

/**
 * The last line (1-based) the Markdown parser may be given: none ending past
 * 8,192 characters, none from the first line that opens too many nested
 * containers.
 */
function readableLines(source: string, lines: Line[]): number {
  const index = lines.findIndex((line) => line.end > MAX_MARKDOWN || containerMarkers(source, line) > MAX_NESTING);
  return index === -1 ? lines.length : index;
}

/**
 * Counts the block-quote and list markers opening a line (`> - 1. > x` has
 * four), stopping once past the limit. Over-counting (`* * *` is a rule) only
 * makes the check stricter.
 */
function containerMarkers(source: string, { start, end }: Line): number {
  const blankAt = (index: number): boolean => index >= end || source[index] === " " || source[index] === "\t";
  let count = 0;
  let at = start;
  while (at < end && count <= MAX_NESTING) {
    const char = source[at];
    if (char === " " || char === "\t") {
      at += 1;
      continue;
    }
    let marker = at;
    while (marker < end && marker - at < 9 && (source[marker] ?? "") >= "0" && (source[marker] ?? "") <= "9") marker += 1;
    if (marker > at && (source[marker] === "." || source[marker] === ")")) marker += 1;
    else if (char === "-" || char === "+" || char === "*" || char === ">") marker = at + 1;
    else break;
    if (char !== ">" && !blankAt(marker)) break;
    count += 1;
    at = marker;
  }
  return count;
}

/**
 * Keeps the candidates whose `/` lies in a text node of a top-level paragraph.
 * The parser reads from the start of the body (what comes before decides
 * whether a line is in code or a quote) through the end of the last
 * candidate's paragraph (a setext underline or table delimiter row below can
 * still turn it into a heading or a table), and never past `reach`.
 */
function inPlainParagraphs(source: string, lines: Line[], candidates: Candidate[], reach: number): Candidate[] {
  let last = (candidates[candidates.length - 1] as Candidate).line;
  // `lines[last]` is the line after line number `last`.
  while (last < reach && !BLANK.test(source.slice(lines[last]?.start, lines[last]?.end))) last += 1;
  const examined = source.slice(0, lines[last - 1]?.end);
  const tree: Root = fromMarkdown(examined, { extensions: [gfm(), LIGHT_INLINE], mdastExtensions: GFM_TREE });
  const paragraphs = tree.children.filter((child) => child.type === "paragraph");
  const ranges = textRanges(paragraphs);
  return candidates.filter((candidate) => containsOffset(ranges, candidate.offset));
}

/**
 * Source ranges of the text nodes under `roots`, in document order (so they
 * can be binary-searched). The walk uses an explicit stack: hostile input can
 * nest links deeply enough to overflow a recursive one.
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
    case "adopt":
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

/** `token` as a code span (which GitHub renders inert), first cut to a length worth echoing. */
function quote(token: string): string {
  return codeSpan(truncate(token, MAX_QUOTED));
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
