import type { Action } from "../../model/action.js";
import { readingMarker, renderReading, withMarker, type Reading, type ReadingChoices, type ReadingLine } from "./audit-reading.js";
import type { Finding } from "./finding.js";
import type { TrackedIssue } from "./plan-audit.js";

/**
 * The reading's lines for the audit as it reads now, pure: a finding that
 * has its issue is ticked and links it (with the severity it was confirmed
 * with); any other keeps the maintainer's tick and severity when its
 * fingerprint was in the reading before; a new finding is ticked, with the
 * severity Factory read.
 */
export function readingLines(params: {
  findings: readonly Finding[];
  choices?: ReadingChoices;
  tracked: ReadonlyMap<string, Pick<TrackedIssue, "number">>;
}): ReadingLine[] {
  return params.findings.map((finding) => {
    const choice = params.choices?.lines.get(finding.fingerprint);
    const issue = params.tracked.get(finding.fingerprint)?.number;
    return {
      fingerprint: finding.fingerprint,
      ticked: issue !== undefined || (choice?.ticked ?? true),
      severity: choice?.severity ?? finding.severity,
      type: finding.type,
      title: finding.title,
      locations: finding.locations,
      ...(issue !== undefined ? { issue } : {}),
    };
  });
}

/**
 * The reading to write: "Create these issues" is shown ticked once
 * something was created and every ticked line has its issue — so a new
 * finding, ticked by default, leaves it unticked, for a maintainer to tick.
 */
export function readingOf(audit: number, lines: readonly ReadingLine[]): Reading {
  const pending = lines.some((line) => line.ticked && line.issue === undefined);
  const created = lines.some((line) => line.issue !== undefined);
  return { audit, lines, create: created && !pending };
}

/**
 * The findings a maintainer confirmed: those whose line is ticked in the
 * reading, with the severity its line names. A finding the reading does
 * not list (the audit changed since) is not confirmed.
 */
export function confirmedFindings(findings: readonly Finding[], choices: ReadingChoices): { confirmed: Finding[]; unticked: number } {
  const confirmed: Finding[] = [];
  let unticked = 0;
  for (const finding of findings) {
    const choice = choices.lines.get(finding.fingerprint);
    if (!choice?.ticked) {
      unticked += 1;
      continue;
    }
    confirmed.push(choice.severity && choice.severity !== finding.severity ? { ...finding, severity: choice.severity } : finding);
  }
  return { confirmed, unticked };
}

/** The comment as it stands: its id and body. */
export interface ReadingComment {
  id: number;
  body: string;
}

/**
 * Posts the reading, or rewrites the one there (refused if someone edited
 * it since it was read); nothing when it already says this.
 */
export function planReading(params: { reading: Reading; existing?: ReadingComment }): Action[] {
  const { reading, existing } = params;
  const marker = readingMarker(reading.audit);
  const body = renderReading(reading);
  if (!existing) return [{ kind: "comment", key: `audit-reading:${reading.audit}`, issue: reading.audit, body, marker }];
  const whole = withMarker(body, marker);
  if (sameText(whole, existing.body)) return [];
  return [{ kind: "editComment", key: `audit-reading:${reading.audit}:${existing.id}`, issue: reading.audit, commentId: existing.id, body: whole, expect: existing.body }];
}

function sameText(a: string, b: string): boolean {
  const normal = (text: string) => text.replace(/\r\n?/g, "\n").trimEnd();
  return normal(a) === normal(b);
}
