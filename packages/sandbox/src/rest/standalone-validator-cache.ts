import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Ajv, ValidateFunction } from "ajv";
import standaloneModule from "ajv/dist/standalone/index.js";

// ajv's standalone entry is CommonJS; under NodeNext its default export arrives wrapped.
const standaloneCode = (standaloneModule as unknown as { default: (ajv: Ajv, validate: ValidateFunction) => string }).default;

const require = createRequire(import.meta.url);

/** `node_modules/.cache/factory-sandbox/<name>` of the project this module runs from. */
export function defaultValidatorCacheDir(name: string): string {
  // ajv lives in the project's node_modules, wherever this file was loaded from (src/ or lib/).
  const nodeModules = dirname(dirname(require.resolve("ajv/package.json")));
  return join(nodeModules, ".cache", "factory-sandbox", name);
}

function versionOf(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/**
 * Keeps ajv validators on disk as ajv's standalone code, so that a process
 * that needs the validator of a schema some earlier process compiled loads
 * it in milliseconds instead of compiling it again (the test suite runs every
 * file in a fresh process, and GitHub's large schemas take ajv a tenth of a
 * second or more each).
 *
 * An entry is named by a hash of the schema's JSON, `salt` (what else decides
 * the compiled code: how schemas were normalised, ajv's options) and the
 * versions of ajv, ajv-formats and GitHub's description, so a change to any
 * of them compiles afresh. When the directory cannot be written the cache
 * just compiles.
 */
export class StandaloneValidatorCache {
  private readonly fingerprint: string;
  private writable = true;

  constructor(
    private readonly params: {
      /** Where entries are kept. */
      dir: string;
      /** Source of everything, beside the schema, that decides the compiled code. */
      salt: string;
      /** The ajv instance to compile with (ajv's `code.source` must be on). */
      ajv: () => Ajv;
    },
  ) {
    this.fingerprint = hash([params.salt, versionOf("ajv"), versionOf("ajv-formats"), versionOf("@octokit/openapi")].join("\n"));
  }

  /** The validator of `schema`: from disk when some process stored it, else compiled and stored. */
  get(schema: object): ValidateFunction {
    const file = join(this.params.dir, `${hash(`${this.fingerprint}\n${JSON.stringify(schema)}`)}.cjs`);
    const loaded = this.load(file);
    if (loaded) return loaded;
    const ajv = this.params.ajv();
    const validate = ajv.compile(schema);
    this.store(file, () => standaloneCode(ajv, validate));
    return validate;
  }

  private load(file: string): ValidateFunction | undefined {
    let code: string;
    try {
      code = readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
    const module: { exports: { default?: ValidateFunction } } = { exports: {} };
    try {
      // The code is ajv's own output for a schema of GitHub's description, written by store().
      new Function("require", "module", "exports", code)(require, module, module.exports);
    } catch {
      return undefined;
    }
    return module.exports.default;
  }

  private store(file: string, code: () => string): void {
    if (!this.writable) return;
    try {
      mkdirSync(this.params.dir, { recursive: true });
      // Write aside and rename, so a process running beside this one never reads half a file.
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, code());
      renameSync(partial, file);
    } catch {
      this.writable = false;
    }
  }
}
