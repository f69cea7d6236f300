import { asciiLower } from "./ascii-lower.js";
import { cleanText, INVISIBLE } from "./clean-text.js";
import type { CommandLine, ParsedCommand } from "./command.js";
import { findVerb } from "./command-verbs.js";
import { PREFIX, type Candidate } from "./find-candidates.js";
import { parseArguments } from "./parse-arguments.js";
import { truncate } from "./truncate.js";

/** A command line longer than this is refused rather than tokenised. */
const MAX_LINE = 1_000;
const MAX_WORD = 64;
const DRY_RUN = "--dry-run";
const SEPARATORS = /[\s,]+/;

/** Reads one command line into its entry. */
export function parseLine(candidate: Candidate): ParsedCommand {
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
