import type { Config } from "../config/schema.js";
import { readLedgerFile } from "./ledger-file.js";
import { writeLedgerFile } from "./executor/write-ledger-file.js";
import { ledgerLocation } from "./ledger-location.js";
import type { Octokit } from "./octokit.js";

/** Attempts at a compare-and-swap append before giving up. */
const ATTEMPTS = 5;

/**
 * Appends JSON lines to a monthly file next to the ledger (releases, journal),
 * with compare-and-swap on the file's sha and retries; a line whose `kind`
 * and `key` are already in the file is not written again, so a redelivered event or a
 * repeated sweep never duplicates a record.
 */
export async function appendLedgerLines(params: {
  octokit: Octokit;
  config: Pick<Config, "ledger">;
  owner: string;
  /** File name inside the ledger directory, e.g. `journal-2026-11.jsonl`. */
  file: string;
  lines: ReadonlyArray<{ key: string; kind?: string }>;
  message: string;
}): Promise<number> {
  if (params.lines.length === 0) return 0;
  const location = ledgerLocation({ config: params.config, owner: params.owner });
  const path = `${location.directory.replace(/\/+$/, "")}/${params.file}`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await readLedgerFile({ octokit: params.octokit, location, path });
    const keys = new Set<string>();
    for (const line of current.text.split("\n")) {
      try {
        const value = JSON.parse(line) as { key?: unknown; kind?: unknown };
        if (typeof value.key === "string") keys.add(`${String(value.kind ?? "")}:${value.key}`);
      } catch {
        // Not a JSON line; it stays as it is.
      }
    }
    const fresh = params.lines.filter((line) => !keys.has(`${line.kind ?? ""}:${line.key}`));
    if (fresh.length === 0) return 0;
    const base = current.text === "" || current.text.endsWith("\n") ? current.text : `${current.text}\n`;
    const text = base + fresh.map((line) => `${JSON.stringify(line)}\n`).join("");
    const written = await writeLedgerFile({ octokit: params.octokit, location, path, text, sha: current.sha, message: params.message });
    if (written === "written") return fresh.length;
  }
  throw new Error(`${path} kept changing under ${ATTEMPTS} attempts to append to it`);
}
