/**
 * The `/factory` command grammar's result types (SPEC §3).
 *
 * One union, {@link ParsedCommand}, discriminated on `verb`, covers every
 * `/factory` line found in a comment: the twelve real commands
 * ({@link Command}) plus two answers that run nothing — `unknown` (the word
 * after `/factory` is not a verb; the caller replies with help) and `invalid`
 * (a known verb with bad arguments; the caller replies with the problem and
 * the verb's usage). Keeping them in one union lets a caller answer every line
 * of a comment, in order, with a single `switch`.
 */

/** Fields every parsed line carries, whatever it turned out to be. */
export interface CommandLine {
  /** True when `--dry-run` appeared anywhere after the verb: plan and report, change nothing. */
  dryRun: boolean;
  /** 1-based line of the command in the comment (CRLF and CR count as one line break). */
  line: number;
  /**
   * The command line as written, trimmed, with control, bidi and zero-width
   * characters removed, at most 200 characters. It is user text: escape it
   * before putting it in Markdown.
   */
  text: string;
}

/** `/factory help` (and a bare `/factory`): show the command reference. */
export interface HelpCommand extends CommandLine {
  verb: "help";
}

/** `/factory audit [all]`: turn this audit issue (or every open audit with `all`) into issues. */
export interface AuditCommand extends CommandLine {
  verb: "audit";
  all: boolean;
}

/** `/factory epic`: group open implementation issues into epics. */
export interface EpicCommand extends CommandLine {
  verb: "epic";
}

/** `/factory adopt`: take over this epic made by hand, so Factory runs it from now on. */
export interface AdoptCommand extends CommandLine {
  verb: "adopt";
}

/** What `/factory dispatch` hands to agents. */
export type DispatchTarget =
  | { kind: "phase"; phase: number }
  | { kind: "next" }
  | {
      kind: "issues";
      /** Distinct issue numbers in the order written, 1 to 50 of them. */
      issues: number[];
    };

/** `/factory dispatch phase N | next | #A #B …`: dispatch children of this epic. */
export interface DispatchCommand extends CommandLine {
  verb: "dispatch";
  target: DispatchTarget;
}

/** `/factory status`: report where this issue or epic stands. */
export interface StatusCommand extends CommandLine {
  verb: "status";
}

/** Which budget report `/factory budget` asks for. */
export type BudgetView = "summary" | "plan" | "history" | "team" | "forecast";

/** `/factory budget [--plan|--history|--team|--forecast N]`: answer from the ledger. */
export interface BudgetCommand extends CommandLine {
  verb: "budget";
  view: BudgetView;
  /** Days to forecast, 1 to 365; present only when `view` is `forecast`. */
  days?: number;
}

/** `/factory sync`: reconcile anything a lost webhook missed. */
export interface SyncCommand extends CommandLine {
  verb: "sync";
}

/** `/factory pause`: stop dispatching for this epic or repository. */
export interface PauseCommand extends CommandLine {
  verb: "pause";
}

/** `/factory resume`: undo `pause`. */
export interface ResumeCommand extends CommandLine {
  verb: "resume";
}

/** `/factory retry #N`: dispatch issue N again. */
export interface RetryCommand extends CommandLine {
  verb: "retry";
  issue: number;
}

/** `/factory escalate #N`: mark issue N (or its pull request) as needing a human. */
export interface EscalateCommand extends CommandLine {
  verb: "escalate";
  issue: number;
}

/** A well-formed command, ready to plan. */
export type Command =
  | HelpCommand
  | AuditCommand
  | EpicCommand
  | AdoptCommand
  | DispatchCommand
  | StatusCommand
  | BudgetCommand
  | SyncCommand
  | PauseCommand
  | ResumeCommand
  | RetryCommand
  | EscalateCommand;

/** A command's verb. */
export type Verb = Command["verb"];

/** `/factory <word>` where `word` is not a verb. Nothing runs; reply with help. */
export interface UnknownCommand extends CommandLine {
  verb: "unknown";
  /** The word as written (control characters removed, at most 64 characters). User text: escape it. */
  word: string;
}

/**
 * A known verb with bad arguments, or a comment holding too many commands.
 * Nothing runs; reply with `problem` (and the verb's usage).
 */
export interface InvalidCommand extends CommandLine {
  verb: "invalid";
  /**
   * The verb, lower-cased (always one of {@link Verb}), or the empty string
   * when the problem is about the comment as a whole (more than 10 commands).
   */
  verbWord: string;
  /** One sentence for the reply; it quotes user text only inside code spans with a safe fence. */
  problem: string;
}

/** Everything {@link parseCommands} can return for one `/factory` line. */
export type ParsedCommand = Command | UnknownCommand | InvalidCommand;
