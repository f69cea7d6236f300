import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { parseConfigText } from "../config/parse-config-text.js";
import { configSchema } from "../config/schema.js";
import { toFindingJson } from "../stages/audit/finding-json.js";
import { parseAudit } from "../stages/audit/parse-audit.js";
import { renderFindingsTable } from "./render-findings-table.js";
import type { CliIo } from "./build-program.js";

/** `factory audit parse <file> [--json] [--config factory.yml]`: the findings an audit body yields. */
export function auditParseCommand(io: CliIo): Command {
  return new Command("parse")
    .description("Print the findings Factory reads from an audit body (a Markdown file), without touching GitHub.")
    .argument("<file>", "the audit body, as Markdown")
    .option("--json", "print a JSON array: title, summary, severity, type, scope, complexity, locations, fingerprint")
    .option("--config <file>", "a .github/factory.yml whose audit keyword maps to classify with (default: the built-in maps)")
    .action(async (file: string, options: { json?: boolean; config?: string }) => {
      const body = await readText(file, "audit file");
      let keywords = configSchema.parse({}).audit.keywords;
      if (options.config) {
        const parsed = parseConfigText({ text: await readText(options.config, "config file"), file: options.config });
        if (!parsed.ok) throw new Error(parsed.message);
        keywords = parsed.config.audit.keywords;
      }
      const findings = parseAudit(body, keywords);
      io.out.write(options.json ? `${JSON.stringify(findings.map(toFindingJson), null, 2)}\n` : renderFindingsTable(findings));
    });
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
