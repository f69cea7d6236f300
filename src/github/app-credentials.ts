import { createPrivateKey } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isBinary, printable } from "../printable-text.js";

/** Where to get a key, said the same way in every message. */
const KEY_FIX = "the .pem file downloaded from the GitHub App's settings page";

/**
 * `APP_ID` as GitHub gives it: a positive integer. Probot reads it with
 * `Number()`, so `abc` would silently become "no app" and open the setup page.
 */
export function parseAppId(text: string): number {
  const trimmed = text.trim();
  const id = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new Error(`APP_ID must be a positive integer, not '${printable(trimmed, 40)}'; set it to the App ID shown on the GitHub App's settings page`);
  }
  return id;
}

/**
 * The app's private key from the environment, checked: `PRIVATE_KEY` (the
 * PEM itself, with literal `\n` for newlines or base64-encoded, as Probot
 * takes it), else the file at `PRIVATE_KEY_PATH` (relative to `cwd`); with
 * `findPem`, else the one `.pem` file in `cwd`, as Probot looks for it.
 * Undefined when none is set; throws one line naming the variable otherwise.
 */
export function readPrivateKey(env: NodeJS.ProcessEnv, options: { cwd?: string; findPem?: boolean } = {}): string | undefined {
  const cwd = options.cwd ?? process.cwd();
  const inline = env.PRIVATE_KEY?.trim();
  if (inline) return checkedKey(decodeInline(inline), "PRIVATE_KEY", `set PRIVATE_KEY to the contents of ${KEY_FIX}`);
  const path = env.PRIVATE_KEY_PATH?.trim();
  if (path) return readKeyFile(resolve(cwd, path), `PRIVATE_KEY_PATH ${path}`, `point PRIVATE_KEY_PATH at ${KEY_FIX}`);
  if (!options.findPem) return undefined;
  const pems = readdirSync(cwd).filter((name) => name.endsWith(".pem"));
  if (pems.length > 1) {
    throw new Error(`neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set and ${cwd} holds several .pem files (${pems.join(", ")}); set PRIVATE_KEY_PATH to the app's key`);
  }
  return pems[0] === undefined ? undefined : readKeyFile(resolve(cwd, pems[0]), `the key file ${pems[0]}`, `replace it with ${KEY_FIX}, or set PRIVATE_KEY_PATH`);
}

function decodeInline(text: string): string {
  // Keys pasted into one line of an .env file carry literal "\n"; some platforms want them base64-encoded.
  const decoded = /^[A-Za-z0-9+/=\s]+$/.test(text) ? Buffer.from(text, "base64").toString("utf8") : text;
  return (decoded.includes("-----BEGIN") ? decoded : text).replace(/\\n/g, "\n");
}

function readKeyFile(path: string, name: string, fix: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === "ENOENT" ? "names no file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "cannot be read (permission denied)" : `cannot be read (${code ?? (error as Error).message})`;
    throw new Error(`${name} ${what}; ${fix}`);
  }
  if (bytes.toString("utf8").trim() === "") throw new Error(`${name} is empty; ${fix}`);
  if (isBinary(bytes)) throw new Error(`${name} is a binary file, not a PEM private key; ${fix}`);
  return checkedKey(bytes.toString("utf8"), name, fix);
}

/** The key as given, once Node can read it as an RSA private key in PEM (PKCS#1 or PKCS#8), which is what GitHub issues. */
function checkedKey(text: string, name: string, fix: string): string {
  const key = text.trim();
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(key)) {
    throw new Error(`${name} is not a PEM private key (it should start with -----BEGIN RSA PRIVATE KEY-----); ${fix}`);
  }
  let type: string | undefined;
  try {
    type = createPrivateKey(key).asymmetricKeyType;
  } catch {
    throw new Error(`${name} looks like a PEM private key but cannot be decoded (cut short or altered?); ${fix}`);
  }
  if (type !== "rsa") throw new Error(`${name} is an ${(type ?? "unknown").toUpperCase()} key, but GitHub Apps sign with RSA; ${fix}`);
  return `${key}\n`;
}
