import { readFile } from "node:fs/promises";
import { isBinary } from "../printable-text.js";

/**
 * A file the command line was pointed at, as text, or one line saying what is
 * wrong with it: `no such file: <path>`, a directory, unreadable; with
 * `text`, also an empty file or one that is not text (named `what`, with
 * `fix` saying what to give instead).
 */
export async function readTextFile(path: string, text?: { what: string; fix: string }): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new Error(`no such file: ${path}`);
    if (code === "EISDIR") throw new Error(`${path} is a directory, not a file`);
    if (code === "EACCES") throw new Error(`permission denied: ${path}`);
    throw new Error(`cannot read ${path}: ${code ?? (error as Error).message}`);
  }
  if (text && bytes.toString("utf8").trim() === "") throw new Error(`${text.what} ${path} is empty; ${text.fix}`);
  if (text && isBinary(bytes)) throw new Error(`${text.what} ${path} is a binary file, not text; ${text.fix}`);
  return bytes.toString("utf8");
}
