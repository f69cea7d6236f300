import type { FindingType, Severity } from "./finding.js";
import { readSeverity, severityOfToken } from "./read-severity.js";
import { readType } from "./read-type.js";

/** A finding title with its markers taken off, and what the markers said. */
export interface StrippedTitle {
  text: string;
  severity?: Severity;
  type?: FindingType;
}

const SEVERITY_WORD = "critical|crit|blocker|high|major|medium|med|moderate|low|minor|info|informational|note|nit|trivial";
const LEADING_EMOJI = /^(\p{Extended_Pictographic}|\p{Emoji_Presentation})\uFE0F?\s*/u;
const LEADING_BRACKET = /^[[(]([^\])]{1,40})[\])]\s*[:\-–—|]?\s*/;
const LEADING_ID =
  /^(?:(?:finding|issue|item|vuln(?:erability)?|bug|befund|hallazgo)\s+)?(?:#?[A-Z]{1,6}\d{0,4}-\d+(?:\.\d+)*|#\d+|\d+(?:\.\d+)*[.)]|\d+(?:\.\d+)+)(?:\s*[:\-–—|.)])?\s+/i;
// "C1 — Title", "H2: Title"; a plain hyphen is left alone ("MD5 - used for passwords").
const SHORT_ID = /^[A-Z]{1,3}\d{1,3}(?:\.\d+)?\s*[:–—.)]\s+/;
const NUMBERED_WORD_ID = /^(?:finding|issue|item|befund|hallazgo)\s+#?\d+\s*[:\-–—|.]\s*/i;
const LEADING_SEVERITY = new RegExp(`^(${SEVERITY_WORD}|p[0-4]|sev[1-4])\\s*[:\\-–—|]\\s+`, "i");
const LEADING_PRIORITY = /^(p[0-4]|sev[1-4])\s+/i;
// "… · Medium · CWE-918", "… — High", "… ⚠️ CRITICAL", "… | P1": a severity after a separator or an emoji, or in capitals.
const TRAILING_TAGGED_SEVERITY = new RegExp(`\\s*(?:[·•|—–]|\\p{Extended_Pictographic}\\uFE0F?)\\s*(${SEVERITY_WORD}|p[0-4])(?:\\s+(?:severity|priority|risk))?\\s*$`, "iu");
const TRAILING_CAPS_SEVERITY = /\s+(CRITICAL|HIGH|MEDIUM|LOW)\s*$/u;
// Weakness and standard references carry no meaning in a title: "(CWE-79)", "· CWE-918", "OWASP A03:2021".
const REFERENCE = /\s*[([]?\s*(?:CWE-\d+|OWASP\s+A\d{1,2}(?::\d{4})?|CVE-\d{4}-\d+)\s*[)\]]?/giu;
const TRAILING_SEPARATORS = /[\s·•|—–:-]+$/u;
const TRAILING_EMOJI = /(?:\s*(?:\p{Extended_Pictographic}|\p{Emoji_Presentation})\uFE0F?)+\s*$/u;
const TRAILING_SEVERITY = new RegExp(`\\s*(?:[(\\[](${SEVERITY_WORD}|p[0-4])(?:\\s+(?:severity|priority|risk))?[)\\]]|\\s[-–—]\\s+(${SEVERITY_WORD}|p[0-4]))\\s*$`, "i");

/**
 * Takes severity markers, emoji, tags and ids off a finding's title
 * (`🔴 [HIGH] F-03: SQL injection (P1)` → `SQL injection`), remembering the
 * severity or type they stated. Words inside the title are never taken:
 * "High memory use" keeps its "High".
 */
export function stripTitleMarkers(input: string): StrippedTitle {
  let text = input.replace(/\s+/g, " ").trim();
  const found: Omit<StrippedTitle, "text"> = {};
  const note = (severity?: Severity, type?: FindingType) => {
    if (severity && !found.severity) found.severity = severity;
    if (type && !found.type) found.type = type;
  };
  for (let guard = 0; guard < 10; guard++) {
    const before = text;
    const emoji = LEADING_EMOJI.exec(text);
    if (emoji) {
      note(severityOfToken(emoji[1] as string));
      text = text.slice(emoji[0].length);
    }
    const bracket = LEADING_BRACKET.exec(text);
    if (bracket) {
      const inner = (bracket[1] as string).trim();
      const severity = readSeverity(inner);
      const type = severity ? undefined : readType(inner);
      const isId = /^#?[A-Z]{0,6}-?\d+(\.\d+)*$/i.test(inner);
      if (severity || type || isId) {
        note(severity, type);
        text = text.slice(bracket[0].length);
      }
    }
    const severityWord = LEADING_SEVERITY.exec(text) ?? LEADING_PRIORITY.exec(text);
    if (severityWord) {
      note(severityOfToken(severityWord[1] as string));
      text = text.slice(severityWord[0].length);
    }
    const id = NUMBERED_WORD_ID.exec(text) ?? LEADING_ID.exec(text) ?? SHORT_ID.exec(text);
    if (id) text = text.slice(id[0].length);
    const trailing = TRAILING_SEVERITY.exec(text) ?? TRAILING_TAGGED_SEVERITY.exec(text) ?? TRAILING_CAPS_SEVERITY.exec(text);
    if (trailing) {
      note(severityOfToken((trailing[1] ?? trailing[2]) as string));
      text = text.slice(0, trailing.index);
    }
    text = text.replace(REFERENCE, "").replace(TRAILING_EMOJI, "").replace(TRAILING_SEPARATORS, "");
    text = text.replace(/^[\s:\-–—|]+/, "").trim();
    if (text === before) break;
  }
  return { text: text.replace(/[\s.:;,]+$/, ""), ...found };
}
