import { cleanText } from "./clean-text.js";
import type { ParsedCommand } from "./command.js";
import { findCandidates, type Candidate } from "./find-candidates.js";
import { inPlainParagraphs } from "./in-plain-paragraphs.js";
import { parseLine } from "./parse-line.js";
import { readableLines } from "./readable-lines.js";
import { splitLines } from "./split-lines.js";

/** GitHub rejects longer comments, so nothing past this can be a real command. */
const MAX_BODY = 65_536;
/** More commands than this in one comment are refused: one comment, one bounded job. */
const MAX_COMMANDS = 10;

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
