import { createHash } from "node:crypto";
import type { Location } from "./finding.js";

/**
 * A finding's fingerprint: a hash of its description and the files it names,
 * ignoring case, whitespace, punctuation, markers and line numbers, so a
 * re-run, a re-flowed paragraph or a moved line number finds the same issue.
 */
export function fingerprint(params: { summary: string; locations: readonly Location[] }): string {
  const words = normaliseWords(params.summary);
  const paths = [...new Set(params.locations.map((location) => location.path.toLowerCase()))].sort();
  return createHash("sha256").update(`${words}|${paths.join(",")}`).digest("hex").slice(0, 16);
}

/** Lower-case words separated by single spaces: what survives harmless edits. */
export function normaliseWords(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A stable hash of several strings, for ids made of other ids. */
export function hashOf(parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 16);
}
