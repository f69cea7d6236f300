import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { classifyFinding, type Keywords } from "./classify-finding.js";
import { extractFindings } from "./extract-findings.js";
import type { Finding } from "./finding.js";

/**
 * Parses an audit body into classified findings, in document order
 * (SPEC §1.1). Pure: the same body and keywords always give the same
 * findings with the same fingerprints. Two findings that read the same and
 * name the same files are told apart by their order (`…-2`).
 */
export function parseAudit(body: string, keywords: Keywords): Finding[] {
  const tree: Root = fromMarkdown(body.replace(/\r\n?/g, "\n"), {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()],
  });
  const seen = new Map<string, number>();
  return extractFindings(tree).map((raw) => {
    const { rawFingerprint, ...finding } = classifyFinding(raw, keywords);
    const count = (seen.get(rawFingerprint) ?? 0) + 1;
    seen.set(rawFingerprint, count);
    return { ...finding, fingerprint: count === 1 ? rawFingerprint : `${rawFingerprint}-${count}` };
  });
}
