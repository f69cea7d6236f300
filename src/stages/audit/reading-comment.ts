import { restAuthor, type FactoryIdentity } from "../../model/authorship.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { runFlow } from "../run-flow.js";
import { readReading, type ReadingChoices } from "./audit-reading.js";
import type { Finding } from "./finding.js";
import { planReading, readingLines, readingOf, type ReadingComment } from "./plan-reading.js";
import type { TrackedIssue } from "./plan-audit.js";

/** Where the reading lives and who Factory is. */
interface ReadingPlace {
  octokit: Octokit;
  repo: RepoRef;
  identity: FactoryIdentity;
  audit: number;
}

/** Rewrites of the reading tried before giving up, when people keep editing it meanwhile. */
const ATTEMPTS = 3;

/**
 * Audit `audit`'s reading comment and the choices in it: the first comment
 * on the audit that Factory's app wrote with that audit's reading marker.
 * The same marker in anyone else's comment is text.
 */
export async function findReading(place: ReadingPlace): Promise<(ReadingComment & { choices: ReadingChoices }) | undefined> {
  const { octokit, repo } = place;
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...repo, issue_number: place.audit, per_page: 100 });
  for await (const page of pages) {
    for (const comment of page.data) {
      const body = comment.body ?? "";
      const choices = readReading({ body, author: restAuthor(comment) }, place.identity, place.audit);
      if (choices) return { id: comment.id, body, choices };
    }
  }
  return undefined;
}

/**
 * Posts the reading of the audit's findings, or rewrites the one there
 * keeping the maintainer's choices. A rewrite refused because someone
 * edited the reading meanwhile is planned again from their edit.
 */
export async function writeReading(
  place: ReadingPlace & { findings: readonly Finding[]; tracked: ReadonlyMap<string, TrackedIssue> },
): Promise<"posted" | "updated" | "unchanged"> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { applied } = await runFlow({
      observe: () => findReading(place),
      plan: (existing) => {
        const lines = readingLines({ findings: place.findings, tracked: place.tracked, ...(existing ? { choices: existing.choices } : {}) });
        return { actions: planReading({ reading: readingOf(place.audit, lines), ...(existing ? { existing } : {}) }), reply: undefined };
      },
      writer: { octokit: place.octokit, repo: place.repo, identity: place.identity },
    });
    const [first] = applied;
    if (!first || first.outcome === "exists") return "unchanged";
    if (first.outcome === "done") return first.action.kind === "comment" ? "posted" : "updated";
  }
  throw new Error(`the reading of #${place.audit} kept being edited while Factory rewrote it`);
}
