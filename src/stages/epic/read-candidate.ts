import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { toString } from "mdast-util-to-string";
import { gfm } from "micromark-extension-gfm";
import type { FindingType } from "../audit/finding.js";
import { findLocations } from "../audit/find-locations.js";
import { readLabelValues, typedByLabels } from "../label-values.js";
import { findMarker } from "../../model/markers.js";
import { namesParentAudit, parentAuditOf } from "../../model/parent-audit.js";
import type { Candidate } from "./candidate.js";

/** An issue as the flows observe it. */
export interface IssueFacts {
  number: number;
  title: string;
  body: string;
  labels: readonly string[];
  /** Numbers of the issues GitHub's issue dependencies say block this one. */
  blockedBy?: readonly number[];
}

const TITLE = /^\s*(security|quality|performance|testing|docs|feat|fix|perf|test|refactor)\(([^)]{1,60})\)!?:\s*\S/i;
const TITLE_TYPE: Record<string, FindingType | "feature"> = {
  security: "security",
  quality: "quality",
  fix: "quality",
  refactor: "quality",
  performance: "performance",
  perf: "performance",
  testing: "testing",
  test: "testing",
  docs: "docs",
  feat: "feature",
};

/**
 * Reads an issue as an epic candidate, or undefined when it is not an
 * implementation issue. Structural signals only (SPEC §1.2): a finding or
 * framework marker, a `Parent audit: #N` line, classification labels
 * (`type:*` / `severity:*`, or plain ones such as `security` + `high`: see
 * `label-values.ts`), or a `type(scope): description` title. Nothing in the
 * body is taken as an instruction; dependency lines are read as data.
 */
export function readCandidate(issue: IssueFacts): Candidate | undefined {
  const finding = findMarker(issue.body, "finding");
  const framework = findMarker(issue.body, "framework");
  const title = TITLE.exec(issue.title);
  const values = readLabelValues(issue.labels);
  if (!finding && !framework && !title && !typedByLabels(issue.labels) && !namesParentAudit(issue.body)) return undefined;
  const tree = parse(issue.body);
  const dependsOn = [...new Set([...dependencyLines(tree), ...(issue.blockedBy ?? [])])].filter((n) => n !== issue.number).sort((a, b) => a - b);
  const audit = parentAuditOf(issue.body);
  return {
    number: issue.number,
    title: issue.title,
    type: values.type ?? (title ? (TITLE_TYPE[(title[1] as string).toLowerCase()] ?? "quality") : "quality"),
    severity: values.severity ?? "medium",
    complexity: values.complexity ?? "medium",
    scope: framework ? "framework" : (values.scope ?? "package"),
    paths: [...new Set(findLocations(tree.children).map((location) => location.path))].sort(),
    dependsOn,
    framework: framework !== undefined,
    covers: framework ? coveredIssues(tree) : [],
    ...(audit !== undefined ? { audit } : {}),
  };
}

function parse(body: string): Root {
  return fromMarkdown(body.replace(/\r\n?/g, "\n"), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

const DEPENDENCY = /\b(?:depends\s+on|blocked\s+by|requires)\s*:?\s*((?:#\d+(?:\s*(?:,\s*and|,|and|&)\s*)?)+)/gi;

/** `Depends on #N`, `Blocked by #N, #M` in paragraphs and list items (never in code). */
export function dependencyLines(tree: Root): number[] {
  const found: number[] = [];
  const visit = (node: Root | Root["children"][number]): void => {
    if (node.type === "code" || node.type === "html" || node.type === "blockquote") return;
    if (node.type === "paragraph" || node.type === "heading" || node.type === "tableCell") {
      for (const match of toString(node).matchAll(DEPENDENCY)) {
        for (const ref of (match[1] as string).matchAll(/#(\d+)/g)) found.push(Number(ref[1]));
      }
      return;
    }
    if ("children" in node) for (const child of node.children) visit(child as Root["children"][number]);
  };
  visit(tree);
  return found;
}

/** The issues a framework issue's body lists under "Covers" (`- [ ] #13 …`). */
export function frameworkCovers(body: string): number[] {
  return coveredIssues(parse(body));
}

/** The issues a framework issue lists under "Covers" (`- [ ] #13 …`). */
function coveredIssues(tree: Root): number[] {
  const covered: number[] = [];
  let inCovers = false;
  for (const node of tree.children) {
    if (node.type === "heading") inCovers = /^covers$/i.test(toString(node).trim());
    else if (inCovers && node.type === "list") {
      for (const item of node.children) {
        const ref = /^#(\d+)\b/.exec(toString(item).trim());
        if (ref) covered.push(Number(ref[1]));
      }
    }
  }
  return covered;
}
