import type { Heading, List, Nodes, Paragraph, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { toString } from "mdast-util-to-string";
import { gfm } from "micromark-extension-gfm";
import { codeSpan } from "../../model/code-span.js";
import { neutraliseMarkdown } from "../../model/neutralise.js";
import { classifyFinding, type Keywords } from "./classify-finding.js";
import type { Finding } from "./finding.js";
import { readStructuredFields, type AuditProblem } from "./structured-fields.js";

export type { AuditProblem } from "./structured-fields.js";

/** The one version of the structured audit format Factory reads. */
export const STRUCTURED_FORMAT = "factory-audit/1";

/** The declaration line, as a structured audit writes it before its first finding. */
export const DECLARATION_LINE = `Format: ${STRUCTURED_FORMAT}`;

/**
 * What {@link readStructuredAudit} made of a body: not in the format (no
 * declaration), or its findings — or, when the body declares the format
 * but breaks it, the problems, and no finding.
 */
export type StructuredReading = { declared: false } | { declared: true; findings: Finding[]; problems: AuditProblem[] };

/** A paragraph that starts the way the declaration does: `Format: factory-audit/…`, any case. */
const DECLARATION = /^format:[ \t]*factory-audit\b/i;
const VERSION = /^format:[ \t]*factory-audit\/([^\s]*)[ \t]*$/i;

interface Section {
  heading: Heading;
  nodes: RootContent[];
}

/**
 * Reads an audit written in Factory's structured format (README, "The
 * structured audit format"), exactly: a `Format: factory-audit/1` line
 * before the first finding, then one finding per `## ` heading — the
 * heading is its description, a list of fields follows (`- Severity:`,
 * `- Type:`, `- Location:`, optional `- Fix:`), and what comes after the
 * fields, up to the next `# ` or `## ` heading, is its prose. Text before
 * the declaration (an issue form's own heading), between it and the first
 * finding, and under `# ` headings is not a finding. Nothing is guessed:
 * a field missing, repeated, unknown or out of range is a problem with its
 * line number, and a body with any problem gives no finding at all.
 */
export function readStructuredAudit(body: string, keywords: Keywords): StructuredReading {
  const text = body.replace(/\r\n?/g, "\n");
  const tree: Root = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const firstFinding = tree.children.findIndex((node) => node.type === "heading" && node.depth === 2);
  const before = firstFinding === -1 ? tree.children : tree.children.slice(0, firstFinding);
  const at = before.findIndex((node) => node.type === "paragraph" && DECLARATION.test(sourceOf(text, node)));
  if (at === -1) return { declared: false };
  const problems: AuditProblem[] = [...declarationProblems(text, before[at] as Paragraph)];
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const node of tree.children.slice(at + 1)) {
    if (node.type === "heading" && node.depth <= 2) {
      current = node.depth === 2 ? { heading: node, nodes: [] } : undefined;
      if (current) sections.push(current);
      continue;
    }
    if (current) current.nodes.push(node);
    else if (node.type === "heading" && sections.length === 0) {
      problems.push({
        line: lineOf(node),
        message: `the heading ${codeSpan(sourceOf(text, node))} comes before the first finding: each finding starts with a \`## \` heading (group findings under \`# \` headings if needed)`,
      });
    }
  }
  const findings: Finding[] = [];
  for (const section of sections) {
    const finding = readSection(text, section, keywords, problems);
    if (finding) findings.push(finding);
  }
  if (problems.length > 0) return { declared: true, findings: [], problems: problems.sort((a, b) => a.line - b.line) };
  return { declared: true, findings: numbered(findings), problems: [] };
}

/** The declaration is alone on its line and names version 1. */
function declarationProblems(text: string, paragraph: Paragraph): AuditProblem[] {
  const line = lineOf(paragraph);
  const source = sourceOf(text, paragraph);
  if (source.includes("\n")) {
    return [{ line, message: `the declaration must be alone on its line, with a blank line after it: ${codeSpan(DECLARATION_LINE)}` }];
  }
  const version = VERSION.exec(source)?.[1];
  if (version === undefined) return [{ line, message: `the declaration must read exactly ${codeSpan(DECLARATION_LINE)}` }];
  if (`factory-audit/${version}` !== STRUCTURED_FORMAT) {
    return [{ line, message: `${codeSpan(`factory-audit/${version}`)} is not a format Factory reads: the declaration must read ${codeSpan(DECLARATION_LINE)}` }];
  }
  return [];
}

/** One finding from its section, or undefined (its problems added). */
function readSection(text: string, section: Section, keywords: Keywords, problems: AuditProblem[]): Finding | undefined {
  const line = lineOf(section.heading);
  const summary = toString(section.heading).replace(/\s+/g, " ").trim();
  const found: AuditProblem[] = [];
  if (!summary) found.push({ line, message: "a finding's `## ` heading is empty: it must say what the finding is" });
  const [first, ...prose] = section.nodes;
  const fields = first?.type === "list" ? readStructuredFields(text, first as List, found) : undefined;
  if (!fields) {
    found.push({
      line,
      message: `the finding ${codeSpan(`## ${summary}`)} has no field list: its heading must be followed by \`- Severity: …\`, \`- Type: …\` and \`- Location: …\` lines`,
    });
  } else {
    for (const name of ["Severity", "Type", "Location"] as const) {
      if (!fields.seen.has(name)) found.push({ line, message: `the finding ${codeSpan(`## ${summary}`)} has no \`- ${name}:\` field` });
    }
  }
  problems.push(...found);
  if (found.length > 0 || !fields?.severity || !fields.type) return undefined;
  const { rawFingerprint, ...finding } = classifyFinding(
    {
      summary,
      // Locations come from the field alone: a path the prose mentions in passing is not where the finding is.
      detail: [],
      explicit: { severity: fields.severity, type: fields.type },
      inherited: {},
      statedLocations: fields.locations,
      ...(fields.fix ? { fix: fields.fix } : {}),
    },
    keywords,
  );
  const details = prose.length > 0 ? neutraliseMarkdown(prose as Nodes[]) : finding.summary;
  return { ...finding, details, fingerprint: rawFingerprint };
}

/** Two findings that read the same and name the same files are told apart by their order (`…-2`), as the parser does. */
function numbered(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const count = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, count);
    return count === 1 ? finding : { ...finding, fingerprint: `${finding.fingerprint}-${count}` };
  });
}

/** The Markdown source of a node, as written. */
export function sourceOf(text: string, node: Nodes): string {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  return text.slice(start, end);
}

/** The line a node starts on, 1 for the body's first. */
export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}
