import { codeSpan } from "../../model/code-span.js";
import { COMMAND_VERBS, type VerbInfo } from "./command-verbs.js";

/** Inputs of {@link renderHelp}. */
export interface RenderHelpParams {
  /** The word that followed `/factory` when it was not a verb; the help then opens by saying so. */
  unknownWord?: string;
  /** Verbs this installation can run; the others are marked "not available yet". Omitted: all. */
  availableVerbs?: ReadonlySet<string>;
}

/** Longest part of an unknown word shown back to its author. */
const MAX_WORD = 40;
/** Characters that must not reach the reply: controls, invisible format characters, line separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/**
 * The reply to `/factory help` and to an unknown verb, as Markdown: an intro,
 * a table of every verb (usage, what it does, who may run it), how
 * `--dry-run` works, and where a command must be written. Contains no links
 * and no mentions; the unknown word, which is user text, is shown only inside
 * a code span built so that it cannot close early, capped in length.
 */
export function renderHelp(params: RenderHelpParams = {}): string {
  const { unknownWord, availableVerbs } = params;
  const parts: string[] = [];
  if (unknownWord !== undefined) {
    const shown = shownWord(unknownWord);
    const command = codeSpan(shown === "" ? "/factory" : `/factory ${shown}`);
    parts.push(`${command} is not a command Factory knows. These are the ones it does:`);
  }
  parts.push(
    "Factory turns audits into issues, groups them into epics and hands them to coding agents. Steer it with these commands:",
    [
      "| Command | What it does | Who can run it |",
      "| --- | --- | --- |",
      ...COMMAND_VERBS.map((info) => tableRow(info, availableVerbs)),
    ].join("\n"),
    `**Dry run:** add \`--dry-run\` anywhere after the verb, as in \`/factory dispatch next --dry-run\`, and Factory replies with what it would do without changing anything.`,
    "**Where to write them:** each command starts its own line, one command per line, at most 10 in a comment. " +
      "Lines in code blocks, inline code, quotes or lists, and `/factory` in the middle of a sentence, are not read as commands. " +
      "Commands marked *write permission* need write access to this repository (or the role the Factory configuration asks for). " +
      "Without it, Factory answers a person at most once an hour on each issue, then stays silent until the hour is up.",
  );
  return `${parts.join("\n\n")}\n`;
}

function tableRow(info: VerbInfo, availableVerbs: ReadonlySet<string> | undefined): string {
  const available = availableVerbs === undefined || availableVerbs.has(info.verb);
  const summary = available ? info.summary : `*Not available yet.* ${info.summary}`;
  const who = info.access ?? (info.changesState ? "write permission" : "anyone");
  return `| ${tableCell(codeSpan(info.usage))} | ${tableCell(summary)} | ${who} |`;
}

/** GFM splits table cells on `|` even inside code spans; `\|` keeps it in the cell and renders as `|`. */
function tableCell(markdown: string): string {
  return markdown.replaceAll("|", "\\|");
}

/** The unknown word made safe to echo: invisible characters removed, whitespace collapsed, length capped; may be empty. */
function shownWord(word: string): string {
  const flat = word.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
  if (flat.length <= MAX_WORD) return flat;
  let cut = flat.slice(0, MAX_WORD - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}
