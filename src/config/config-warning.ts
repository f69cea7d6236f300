import { z } from "zod";
import type { KeyPath } from "./find-owning-document.js";

/**
 * A setting Factory read but did not honour, because only the organisation's
 * configuration may set it (SPEC §5). Not an error: the rest of the file is
 * used, and the person who ran a command is told.
 */
export interface ConfigWarning {
  /** The file that set it, `owner/repo/path`. */
  file: string;
  /** The key as a path, e.g. `["agents", 0, "tokenEnv"]`. */
  path: KeyPath;
  /** The key as written in messages, e.g. `agents[0].tokenEnv`. */
  key: string;
  /** 1-based line of the key in `file`, when it could be found. */
  line?: number;
  /** Why it was not honoured, e.g. "member tokens are read only from acme/.github/.github/factory.yml". */
  reason: string;
  /** `ignored`, or `partly ignored` when only some of a list was left out. */
  outcome: "ignored" | "partly ignored";
  /** The whole sentence to show a person: key, file, line and reason. */
  message: string;
}

/** Builds a {@link ConfigWarning}, its message included. */
export function configWarning(params: {
  file: string;
  path: KeyPath;
  reason: string;
  outcome?: ConfigWarning["outcome"];
  line?: number;
}): ConfigWarning {
  const key = z.core.toDotPath([...params.path]);
  const outcome = params.outcome ?? "ignored";
  const where = params.line === undefined ? params.file : `${params.file} (line ${params.line})`;
  return {
    file: params.file,
    path: params.path,
    key,
    ...(params.line === undefined ? {} : { line: params.line }),
    reason: params.reason,
    outcome,
    message: `\`${key}\` in ${where} is ${outcome}: ${params.reason}`,
  };
}
