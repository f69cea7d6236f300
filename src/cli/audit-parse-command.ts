import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { parseConfigText } from "../config/parse-config-text.js";
import { configSchema } from "../config/schema.js";
import { detectPatterns } from "../stages/audit/detect-patterns.js";
import { toFindingJson } from "../stages/audit/finding-json.js";
import { parseAudit } from "../stages/audit/parse-audit.js";
import { frameworkTitle } from "../stages/audit/render-framework-body.js";
import { renderFindingsTable } from "./render-findings-table.js";
import type { CliIo } from "./build-program.js";

/**
 * GitHub refuses an issue body over 65,536 characters; an audit that long
 * cannot have been saved as one issue, and Factory shortens what it copies.
 * https://docs.github.com/en/rest/issues/issues#create-an-issue
 */
const GITHUB_BODY_LIMIT = 65_536;

/** Reads standard input to its end, for `-`. */
export type ReadStdin = () => Promise<string>;

/** `factory audit parse <file|-> [--json] [--config factory.yml]`: the findings and framework issues an audit body yields. */
export function auditParseCommand(io: CliIo, stdin: ReadStdin = readProcessStdin): Command {
  return new Command("parse")
    .description("Print the findings and framework issues Factory reads from an audit body (a Markdown file, or - for standard input), without touching GitHub.")
    .argument("<file>", "the audit body, as Markdown; - reads it from standard input")
    .option("--json", "print JSON: { findings: [title, summary, severity, type, scope, complexity, locations, fingerprint …], frameworks: [title, severity, type, findings, packages] }")
    .option("--config <file>", "a .github/factory.yml whose audit keyword maps to classify with (default: the built-in maps)")
    .action(async (file: string, options: { json?: boolean; config?: string }) => {
      const body = file === "-" ? await stdin() : await readText(file, "audit file");
      const chars = Array.from(body).length;
      if (chars > GITHUB_BODY_LIMIT) {
        io.err.write(`warning: the audit is ${chars.toLocaleString("en")} characters; GitHub refuses issue bodies over ${GITHUB_BODY_LIMIT.toLocaleString("en")}, so it cannot be one issue as it is — split it, or link the full report\n`);
      }
      let keywords = configSchema.parse({}).audit.keywords;
      if (options.config) {
        const parsed = parseConfigText({ text: await readText(options.config, "config file"), file: options.config });
        if (!parsed.ok) throw new Error(parsed.message);
        keywords = parsed.config.audit.keywords;
      }
      const findings = parseAudit(body, keywords);
      const frameworks = detectPatterns(findings).map((pattern) => ({
        title: frameworkTitle(pattern),
        severity: pattern.severity,
        type: pattern.type,
        // The findings it covers, by their titles, in document order.
        findings: pattern.members.map((fingerprint) => findings.find((finding) => finding.fingerprint === fingerprint)?.title ?? fingerprint),
        packages: pattern.components,
      }));
      if (options.json) {
        io.out.write(`${JSON.stringify({ findings: findings.map(toFindingJson), frameworks }, null, 2)}\n`);
        return;
      }
      io.out.write(renderFindingsTable(findings));
      for (const framework of frameworks) {
        io.out.write(`\nFramework issue: ${framework.title}\n     ${framework.severity} · ${framework.type} · blocks ${framework.findings.length} findings in ${framework.packages.join(", ")}\n`);
      }
    });
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`no such file: ${path}`);
    throw new Error(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
