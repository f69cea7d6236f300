/** Repositories whose dispatching is paused, kept next to the ledger so a pause survives restarts. */
export interface PauseFile {
  repos: Record<string, { by: string; since: string }>;
}

/** The pause file's path in the ledger directory. */
export function pausePath(directory: string): string {
  return `${directory.replace(/\/+$/, "")}/paused.json`;
}

/** The pause file as written, or an empty one where it is missing or broken. */
export function parsePauseFile(text: string): PauseFile {
  try {
    const value = JSON.parse(text) as Partial<PauseFile>;
    return { repos: typeof value.repos === "object" && value.repos !== null ? { ...value.repos } : {} };
  } catch {
    return { repos: {} };
  }
}
