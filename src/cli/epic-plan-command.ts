import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { z } from "zod";
import { parseConfigText } from "../config/parse-config-text.js";
import { configSchema } from "../config/schema.js";
import { planEpicsOffline } from "../stages/epic/plan-epics-offline.js";
import type { CliIo } from "./build-program.js";

const issuesSchema = z.array(
  z.object({
    number: z.number().int().positive(),
    title: z.string(),
    labels: z.array(z.string()).default([]),
    body: z.string().nullable().default(""),
    state: z.enum(["open", "closed"]).default("open"),
  }),
);

/** `factory epic plan --issues <issues.json> [--json] [--config factory.yml]`: the epics Factory would create. */
export function epicPlanCommand(io: CliIo): Command {
  return new Command("plan")
    .description("Print the epics Factory would create from a list of issues, without touching GitHub.")
    .requiredOption("--issues <file>", "a JSON array of issues: number, title, labels (strings), body, state")
    .option("--json", "print JSON: { epics: [{ theme, title, phases: [{ name, kind, children }] }], direct, errors }")
    .option("--config <file>", "a .github/factory.yml whose epics settings to plan with (default: the built-in defaults)")
    .action(async (options: { issues: string; json?: boolean; config?: string }) => {
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(options.issues, "utf8"));
      } catch (error) {
        throw new Error(`cannot read the issues file ${options.issues}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const parsed = issuesSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`the issues file ${options.issues} is not a list of issues:\n${z.prettifyError(parsed.error)}`);
      let config = configSchema.parse({});
      if (options.config) {
        const loaded = parseConfigText({ text: await readFile(options.config, "utf8"), file: options.config });
        if (!loaded.ok) throw new Error(loaded.message);
        config = loaded.config;
      }
      const issues = parsed.data.map((issue) => ({ ...issue, body: issue.body ?? "" }));
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
