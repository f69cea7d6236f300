import type { BudgetView, ParsedCommand, Verb } from "./command.js";

/** One row of the verb table: what help shows and what permission checks read. */
export interface VerbInfo {
  verb: Verb;
  /** The command's grammar, e.g. `/factory retry #N`. */
  usage: string;
  /** What it does, one sentence of Markdown (flags in code spans), for the help table. */
  summary: string;
  /**
   * True when the command writes to GitHub or spends budget, so only users
   * with the configured permission (write by default) may run it. Read-only
   * verbs are open to anyone (SPEC §3).
   */
  changesState: boolean;
  /**
   * Who may run it, for the help table, when that depends on its arguments
   * (see {@link needsPermission}); otherwise `changesState` decides.
   */
  access?: string;
}

/** Every verb, in the order help lists them. */
export const COMMAND_VERBS: readonly VerbInfo[] = [
  { verb: "help", usage: "/factory help", summary: "Show this list of commands.", changesState: false },
  {
    verb: "status",
    usage: "/factory status",
    summary: "Report where this issue or epic stands: phases, pull requests in flight, escalations.",
    changesState: false,
  },
  {
    verb: "budget",
    usage: "/factory budget [--plan | --history | --team | --forecast DAYS]",
    summary:
      "Today's budget, from the ledger; `--plan` what the next dispatch would spend, `--history` past days, `--team` each member's quota, `--forecast` the coming days (1 to 365).",
    changesState: false,
    access: "write permission; anyone with `--plan`, `--history` or `--forecast`",
  },
  {
    verb: "audit",
    usage: "/factory audit [all]",
    summary: "Turn this audit issue into one issue per finding; with `all`, every open audit in the repository.",
    changesState: true,
  },
  {
    verb: "epic",
    usage: "/factory epic",
    summary: "Group open implementation issues into epics with phases and an epic branch.",
    changesState: true,
  },
  {
    verb: "adopt",
    usage: "/factory adopt",
    summary:
      "Take over this epic made by hand (`Phase N` sections, a checklist of `#N` lines, or category sections): Factory rewrites it in its own format, links the children, makes its branch and runs it from then on.",
    changesState: true,
  },
  {
    verb: "dispatch",
    usage: "/factory dispatch phase N | next | #A #B …",
    summary: "Hand children of this epic to coding agents: a phase, the next ready phase, or the issues listed (up to 50).",
    changesState: true,
  },
  {
    verb: "sync",
    usage: "/factory sync",
    summary: "Reconcile anything a lost webhook missed: ticks, merged pull requests, stale escalations.",
    changesState: true,
  },
  { verb: "pause", usage: "/factory pause", summary: "Stop dispatching new work here until resumed.", changesState: true },
  { verb: "resume", usage: "/factory resume", summary: "Start dispatching again after a pause.", changesState: true },
  { verb: "retry", usage: "/factory retry #N", summary: "Dispatch issue N again, to the next agent if it keeps failing.", changesState: true },
  {
    verb: "escalate",
    usage: "/factory escalate #N",
    summary: "Mark issue N as needing a human; the epic carries on with its other children.",
    changesState: true,
  },
];

const BY_VERB: ReadonlyMap<string, VerbInfo> = new Map(COMMAND_VERBS.map((info) => [info.verb, info]));

/**
 * The table row for `word` (lower-case, as parsed), or undefined when it is
 * not a verb. Looks up exact keys only, so no inherited property can match.
 */
export function findVerb(word: string): VerbInfo | undefined {
  return BY_VERB.get(word);
}

/**
 * Whether `command` writes to GitHub or spends budget (flows check
 * {@link needsPermission}, which includes this). `unknown` and `invalid`
 * lines run nothing, so they are false. `--dry-run` does not change the
 * answer: a dry run of a state-changing verb still shows plans only its
 * permitted users may ask for.
 */
export function changesState(command: ParsedCommand): boolean {
  if (command.verb === "unknown" || command.verb === "invalid") return false;
  return findVerb(command.verb)?.changesState ?? true;
}

/**
 * `budget` views that list members' logins and quotas: who pays for the
 * organisation's agents is not for strangers to read (SPEC §5).
 */
const MEMBER_VIEWS: ReadonlySet<BudgetView> = new Set<BudgetView>(["summary", "team"]);

/** Whether `command` shows members' logins and quotas (plain `budget` and `budget --team`). */
export function showsMembers(command: ParsedCommand): boolean {
  return command.verb === "budget" && MEMBER_VIEWS.has(command.view);
}

/**
 * Whether running `command` needs the configured permission: it changes
 * state ({@link changesState}) or shows who the members are
 * ({@link showsMembers}). Everything else is open to anyone.
 */
export function needsPermission(command: ParsedCommand): boolean {
  return changesState(command) || showsMembers(command);
}
