import { Command } from "commander";
import { z } from "zod";
import { parseConfigText } from "../config/parse-config-text.js";
import { configSchema } from "../config/schema.js";
import { planEpicsOffline } from "../stages/epic/plan-epics-offline.js";
import type { CliIo } from "./build-program.js";
import { readTextFile } from "./read-text-file.js";
import { printable } from "../printable-text.js";

/** A label as `gh issue list --json labels` and the REST API give it (`{ name, color, … }`), or just its name. */
const labelSchema = z.union([z.string(), z.object({ name: z.string() }).transform((label) => label.name)]);

/**
 * Issues as they come: from `gh issue list --json number,title,labels,body,state`
 * (label objects, `OPEN`), from the REST API (`body: null`, pull requests
 * among them, left out), or written by hand (label names, no body).
 */
const issuesSchema = z.array(
  z.object({
    number: z.number().int().positive(),
    title: z.string(),
    labels: z.array(labelSchema).nullish().transform((labels) => labels ?? []),
    body: z.string().nullish().transform((body) => body ?? ""),
    state: z.preprocess((state) => (typeof state === "string" ? state.toLowerCase() : state), z.enum(["open", "closed"])).default("open"),
    pull_request: z.unknown().optional(),
  }),
);

/** What to give instead of a bad issues file. */
const ISSUES_FIX = "give a JSON array of issues (number, title, labels, body, state), e.g. the output of gh issue list --json number,title,labels,body,state";

/** `factory epic plan --issues <issues.json> [--json] [--config factory.yml]`: the epics Factory would create. */
export function epicPlanCommand(io: CliIo): Command {
  return new Command("plan")
    .description("Print the epics Factory would create from a list of issues, without touching GitHub.")
    .requiredOption("--issues <file>", "a JSON array of issues: number, title, labels (names or { name }), body, state (as gh issue list --json number,title,labels,body,state or the REST API give them)")
    .option("--json", "print JSON: { epics: [{ theme, title, phases: [{ name, kind, children }] }], direct, errors }")
    .option("--config <file>", "a .github/factory.yml whose epics settings to plan with (default: the built-in defaults)")
    .action(async (options: { issues: string; json?: boolean; config?: string }) => {
      const text = await readTextFile(options.issues, { what: "the issues file", fix: ISSUES_FIX });
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        throw new Error(`the issues file ${options.issues} is not valid JSON (${printable((error as Error).message, 120)}); ${ISSUES_FIX}`);
      }
      const parsed = issuesSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`the issues file ${options.issues} is not a list of issues (${firstIssue(parsed.error)}); ${ISSUES_FIX}`);
      let config = configSchema.parse({});
      if (options.config) {
        const loaded = parseConfigText({ text: await readTextFile(options.config), file: options.config });
        if (!loaded.ok) throw new Error(loaded.message);
        config = loaded.config;
      }
      const issues = parsed.data.filter((issue) => issue.pull_request === undefined).map(({ pull_request: _pull, ...issue }) => issue);
      const plan = planEpicsOffline({ issues, config, now: new Date() });
      const result = {
        epics: plan.epics.map((epic) => ({
          theme: epic.theme,
          title: epic.title,
          phases: epic.phases.map((phase) => ({ name: phase.name, kind: phase.kind, children: phase.children.map((child) => child.number) })),
        })),
        extensions: plan.extensions.map((extension) => ({ epic: extension.epic, children: extension.children })),
        direct: plan.direct,
        errors: plan.cycles.map((cycle) => ({ kind: "cycle", issues: cycle })),
      };
      if (options.json) {
        io.out.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const lines: string[] = [];
      for (const epic of result.epics) {
        lines.push(epic.title);
        for (const phase of epic.phases) lines.push(`  ${phase.name} (${phase.kind}): ${phase.children.map((n) => `#${n}`).join(" ")}`);
      }
      for (const extension of result.extensions) lines.push(`extend #${extension.epic}: ${extension.children.map((n) => `#${n}`).join(" ")}`);
      if (result.direct.length > 0) lines.push(`direct dispatch: ${result.direct.map((n) => `#${n}`).join(" ")}`);
      for (const error of result.errors) lines.push(`cycle: ${error.issues.map((n) => `#${n}`).join(" → ")}`);
      io.out.write(`${lines.length > 0 ? lines.join("\n") : "No open implementation issue is waiting for an epic."}\n`);
    });
}

/** Zod's first complaint, as `at [2].title: expected string`. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "not a list";
  const where = issue.path.length > 0 ? ` at ${z.core.toDotPath(issue.path)}` : "";
  return `${printable(issue.message, 120)}${where}`;
}
