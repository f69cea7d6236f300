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
    const error = document.errors[0];
    const line = error?.linePos?.[0]?.line;
    return { ok: false, message: `Invalid config in ${params.file}${line ? `, line ${line}` : ""}: ${error?.message.split("\n")[0] ?? "bad YAML"}` };
  }
  const value: unknown = document.toJS() ?? {};
  if (!isPlainObject(value)) return { ok: false, message: `Invalid config in ${params.file}: the file must be a mapping of settings (key: value)` };
  const parsed = configSchema.safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data };
  const first = parsed.error.issues[0];
  const line = first ? locateYamlPath({ text: params.text, path: first.path }) : undefined;
  return {
    ok: false,
    message: `Invalid config in ${params.file}${line ? `, line ${line}` : ""}:\n${z.prettifyError(parsed.error)}`,
  };
}
