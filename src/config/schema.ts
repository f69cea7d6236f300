import { z } from "zod";
import { adapterFor } from "../agents/adapter-for.js";
import { agentsSchema } from "./agents-schema.js";
import { auditSchema } from "./audit-schema.js";
import { budgetSchema } from "./budget-schema.js";
import { commandsSchema } from "./commands-schema.js";
import { dispatchSchema } from "./dispatch-schema.js";
import { epicsSchema } from "./epics-schema.js";
import { labelsSchema } from "./labels-schema.js";
import { ledgerSchema } from "./ledger-schema.js";
import { mergeSchema } from "./merge-schema.js";
import { monitorSchema } from "./monitor-schema.js";

/**
 * The schema of `.github/factory.yml`. Every field has a default, so an empty
 * file (parsed as `{}`) yields a complete config. Objects are strict so a
 * misspelt key is reported instead of silently ignored.
 */
export const configSchema = z
  .strictObject({
    /**
     * Probot's inheritance: `.github`, `repo`, `owner/repo` or
     * `owner/repo:path.yml`. The loader resolves it; the schema only accepts
     * it so a file that extends another is not reported as misspelt.
     */
    _extends: z
      .string()
      .optional()
      .describe("Inherit settings from another repository's file: .github, owner/repo or owner/repo:path.yml."),
    /** Turning audit issues into implementation issues. */
    audit: auditSchema,
    /** Grouping implementation issues into epics. */
    epics: epicsSchema,
    /** The coding agents, each with a trigger, quota and issue types. */
    agents: agentsSchema,
    /** Handing issues to agents. */
    dispatch: dispatchSchema,
    /** The daily budget shared by the organisation. */
    budget: budgetSchema,
    /** Watching agent pull requests. */
    monitor: monitorSchema,
    /** Merging finished pull requests. */
    merge: mergeSchema,
    /** Who may run state-changing commands. */
    commands: commandsSchema,
    /** Where the dispatch ledger lives. */
    ledger: ledgerSchema,
    /** Labels Factory applies. */
    labels: labelsSchema,
  })
  .superRefine((config, ctx) => {
    const defined = new Set(config.agents.map((agent) => agent.name));
    const resolver = config.monitor.conflictResolver;
    if (resolver !== undefined) {
      const agent = config.agents.find((candidate) => candidate.name === resolver);
      const problem = !agent
        ? `unknown agent '${resolver}': define it under agents (defined: ${[...defined].join(", ") || "none"})`
        : !adapterFor(agent).resolvesConflicts
          ? `${resolver} does not act on requests on pull requests it did not open; name one that answers mentions on any pull request (claude, or an agent triggered by a mention)`
          : undefined;
      if (problem) ctx.addIssue({ code: "custom", path: ["monitor", "conflictResolver"], message: problem });
    }
    config.dispatch.route?.forEach((name, index) => {
      if (!defined.has(name)) {
        ctx.addIssue({
          code: "custom",
          path: ["dispatch", "route", index],
          message: `unknown agent '${name}': define it under agents (defined: ${[...defined].join(", ") || "none"})`,
        });
      }
    });
  })
  // `_extends` has done its work by the time the config is used.
  .transform(({ _extends: _ignored, ...config }) => config);

/** A complete, validated Factory configuration. */
export type Config = z.output<typeof configSchema>;
