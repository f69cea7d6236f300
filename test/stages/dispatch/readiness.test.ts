import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import { readiness } from "../../../src/stages/dispatch/readiness.js";

type Rules = Parameters<typeof readiness>[1];
const rules = (readinessInput: Record<string, unknown> = {}): Rules => configSchema.parse({ dispatch: { readiness: readinessInput } }).dispatch.readiness;

type Readiness = ReturnType<typeof readiness>;
const NO_CRITERIA: Readiness = { ready: false, reason: "no acceptance criteria (a list under an “Acceptance criteria” heading)" };
const READY: Readiness = { ready: true };
const open = (count: number, heading = "Open questions"): Readiness => ({ ready: false, reason: `${count} open question${count === 1 ? "" : "s"} under “${heading}”` });
const md = (...lines: string[]) => lines.join("\n");

describe("readiness, acceptance criteria", () => {
  it.each<[string, string, ReturnType<typeof readiness>]>([
    ["a heading with a task list", md("## Acceptance criteria", "", "- [ ] rejects bad input", "- [ ] logs the rejection"), READY],
    ["a heading with a plain list", md("### Acceptance Criteria", "", "- rejects bad input"), READY],
    ["a heading with a colon and an ordered list", md("## Acceptance criteria:", "", "1. rejects bad input"), READY],
    ["a bold label paragraph with a list", md("Fix it.", "", "**Acceptance criteria:**", "", "- [ ] rejects bad input"), READY],
    ["a bold label right above its list", md("**Acceptance criteria:**", "- rejects bad input"), READY],
    ["a list under a subheading of the section", md("## Acceptance criteria", "", "### API", "", "- rejects bad input"), READY],
    ["CRLF line endings", "## Acceptance criteria\r\n\r\n- [ ] rejects bad input\r\n", READY],
    ["no acceptance criteria at all", md("## Summary", "", "- fix the bug"), NO_CRITERIA],
    ["an empty body", "", NO_CRITERIA],
    ["a heading with prose but no list", md("## Acceptance criteria", "", "It works."), NO_CRITERIA],
    ["a heading whose list comes after the next section", md("## Acceptance criteria", "", "## Notes", "", "- remember the cache"), NO_CRITERIA],
    ["a list before the heading only", md("- rejects bad input", "", "## Acceptance criteria"), NO_CRITERIA],
    ["a label with more words after it", md("**Acceptance criteria:** see below", "", "- rejects bad input"), NO_CRITERIA],
    ["a heading that only mentions criteria", md("## Acceptance criteria for later", "", "- rejects bad input"), NO_CRITERIA],
  ])("%s", (_name, body, expected) => {
    expect(readiness(body, rules())).toEqual(expected);
  });

  it("does not ask for criteria when requireAcceptanceCriteria is false", () => {
    expect(readiness("Just fix it.", rules({ requireAcceptanceCriteria: false }))).toEqual(READY);
  });

  it("still checks open questions when requireAcceptanceCriteria is false", () => {
    expect(readiness(md("## Open questions", "", "- [ ] which version?"), rules({ requireAcceptanceCriteria: false }))).toEqual(open(1));
  });
});

describe("readiness, open questions", () => {
  const criteria = md("## Acceptance criteria", "", "- [ ] rejects bad input", "");
  it.each<[string, string, ReturnType<typeof readiness>]>([
    ["one unticked question", md(criteria, "## Open questions", "", "- [ ] which version?"), open(1)],
    ["two unticked of three", md(criteria, "## Open questions", "", "- [ ] which version?", "- [x] which file?", "- [ ] who owns it?"), open(2)],
    ["plain items count as unanswered", md(criteria, "## Open Questions", "", "- which version?"), open(1)],
    ["every question ticked", md(criteria, "## Open questions", "", "- [x] which version?", "- [X] which file?"), READY],
    ["a section with prose only", md(criteria, "## Open questions", "", "None."), READY],
    ["a bold label with a question", md(criteria, "**Open questions:**", "", "- [ ] which version?"), open(1)],
    ["questions before the criteria", md("## Open questions", "", "- [ ] which version?", "", criteria), open(1)],
    ["unticked items of a later section", md(criteria, "## Open questions", "", "- [x] which version?", "", "## Tasks", "", "- [ ] write it"), READY],
    ["a list under another heading with the name inside", md(criteria, "## Open questions answered", "", "- [ ] which version?"), READY],
  ])("%s", (_name, body, expected) => {
    expect(readiness(body, rules())).toEqual(expected);
  });

  it("reads a configured heading, escaping its punctuation", () => {
    const custom = rules({ openQuestionsHeading: "Questions (unanswered)" });
    expect(readiness(md(criteria, "## Questions (unanswered)", "", "- [ ] a", "- [ ] b", "- [ ] c"), custom)).toEqual(open(3, "Questions (unanswered)"));
    expect(readiness(md(criteria, "## Questions unanswered", "", "- [ ] a"), custom)).toEqual(READY);
    expect(readiness(md(criteria, "## Open questions", "", "- [ ] a"), custom)).toEqual(READY);
  });

  it("ends a section at the next label line", () => {
    expect(readiness("## Open questions\n- [x] answered\n\n**Acceptance criteria:**\n- works", rules())).toEqual(READY);
    expect(readiness("**Acceptance criteria:**\n\n**Notes:**\n- b", rules())).toEqual({ ready: false, reason: "no acceptance criteria (a list under an “Acceptance criteria” heading)" });
  });
});
