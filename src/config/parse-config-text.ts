import { parseDocument } from "yaml";
import { z } from "zod";
import { isPlainObject } from "./is-plain-object.js";
import { locateYamlPath } from "./locate-yaml-path.js";
import { configSchema, type Config } from "./schema.js";

/**
 * Validates one `factory.yml` read from disk (the CLI's `--config`). Offline
 * there is no repository to follow `_extends` into, so it is ignored; the
 * result is the file's own settings over the defaults.
 */
export function parseConfigText(params: { text: string; file: string }): { ok: true; config: Config } | { ok: false; message: string } {
  const document = parseDocument(params.text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    // The YAML library's message reads `<problem> at line L, column C:` and a code frame: one line keeps the problem, placed.
    const error = document.errors[0];
    const position = error?.linePos?.[0];
    const where = position ? `, line ${position.line}, column ${position.col}` : "";
    const problem = (error?.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "").trim() || "bad YAML";
    return { ok: false, message: `Invalid config in ${params.file}${where}: ${problem}` };
  }
  const value: unknown = document.toJS() ?? {};
  if (!isPlainObject(value)) return { ok: false, message: `Invalid config in ${params.file}: the file must be a mapping of settings (key: value)` };
  const parsed = configSchema.safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data };
  const first = parsed.error.issues[0];
  const line = first ? locateYamlPath({ text: params.text, path: first.path }) : undefined;
  const key = first && first.path.length > 0 ? `${z.core.toDotPath(first.path)}: ` : "";
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : "";
  return { ok: false, message: `Invalid config in ${params.file}${line ? `, line ${line}` : ""}: ${key}${first?.message ?? "invalid"}${more}` };
}
