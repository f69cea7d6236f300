import type { Nodes } from "mdast";
import type { Location } from "./finding.js";

const EXTENSIONS = new Set(
  (
    "go ts tsx mts cts js jsx mjs cjs py pyi rb java kt kts scala groovy rs c h cc cpp cxx hpp cs fs php swift m mm sql sh bash zsh ps1 " +
    "yml yaml json jsonc toml ini cfg conf xml html htm css scss sass less vue svelte astro md mdx rst txt proto graphql gql tf tfvars hcl " +
    "gradle lock env lua ex exs erl hrl dart r pl pm properties csv mod sum tmpl tpl ejs hbs j2 jinja twig ipynb cshtml razor sol"
  ).split(" "),
);
const EXTENSIONLESS = new Set(["dockerfile", "makefile", "jenkinsfile", "procfile", "gemfile", "rakefile", "vagrantfile", "codeowners"]);
/** Receivers that make `res.json` or `process.env` code, not files. */
const CODE_RECEIVERS = new Set("res req request response resp ctx this self process os window document console err error json data obj e r w".split(" "));
const LOCK_FILE = /^(yarn|cargo|gemfile|poetry|composer|pnpm-lock|bun|flake|pipfile)\.lock$/i;
// Segments may carry route groups and dynamic parts (`app/(auth)/[id]/page.tsx`); a `:name` after the file is a function, dropped.
const TOKEN = /^([\w.+-]+(?:\/[\w.+()[\]-]+)*\/?)(?:(?::|#L)(\d+)(?:(?:[-–:]L?)\d+)?|:[A-Za-z_$][\w$.]*(?:\(\))?)?$/;
/** Top directories of a repository: `/src/app.ts` names the repository's `src`, `/var/log/x.log` a machine's file. */
const REPO_ROOTS = /^\/(src|app|apps|lib|libs|packages|internal|cmd|pkg|components|pages|api|server|client|web|test|tests|scripts|config|docs|services|modules|public|\.github)\//;
/** Build files named by their tool, with a suffix for a variant: `Dockerfile.dev`, `Makefile.win`. */
const TOOL_FILE = /^(dockerfile|containerfile|makefile|jenkinsfile|procfile)(\.[\w-]+)?$/i;
const GITHUB_BLOB = /^https?:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[^/]+\/([^#?]+)(?:\?[^#]*)?(?:#L(\d+))?/;
/** Library names that look like files: "`Node.js`" is a runtime, not a path. */
const LIBRARY_NAMES = new Set("node.js next.js vue.js nuxt.js express.js three.js chart.js d3.js moment.js react.js angular.js ember.js backbone.js alpine.js htmx.js".split(" "));
/** A first segment with a dot inside it is a host (`www.example.com/app.js`), not a directory. */
const HOST_FIRST = /^[\w-]+(\.[\w-]+)+\//;

/**
 * Every file location a finding mentions, in order of first mention and
 * without repeats: `path/file.ext:123`, `path/file.ext#L10-L20` (line 10),
 * backticked paths and GitHub blob links. Fenced code is not read — a
 * `// see other.go:10` inside a snippet is code, not a location — except a
 * first-line comment that names the snippet's file; plain prose needs a
 * directory or a line number, so "Node.js" is not a file.
 */
export function findLocations(nodes: readonly Nodes[]): Location[] {
  const found: Location[] = [];
  const seen = new Set<string>();
  const add = (location: Location) => {
    const key = `${location.path}:${location.line ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(location);
  };
  const visit = (node: Nodes): void => {
    switch (node.type) {
      case "code": {
        // A snippet is code, but a first-line comment naming its file (`// src/auth.ts - line 21`) says where it is from.
        const named = /^\s*(?:\/\/|#|--|\/\*|<!--|;)\s*(\S+)/.exec(node.value.split("\n")[0] ?? "");
        const location = named ? readLocation(named[1] as string, true) : undefined;
        if (location) add(location);
        return;
      }
      case "html":
        return;
      case "inlineCode":
        // A span with spaces is a command or a snippet (`curl evil.sh | sh`), read like prose.
        for (const token of tokens(node.value)) {
          const location = readLocation(token, !/\s/.test(node.value.trim()));
          if (location) add(location);
        }
        return;
      case "text":
        for (const token of tokens(node.value)) {
          const location = readLocation(token, false);
          if (location) add(location);
        }
        return;
      case "link": {
        const blob = GITHUB_BLOB.exec(node.url);
        if (blob) add(withLine(decodeURIComponent(blob[1] as string), blob[2]));
        if (node.children.some((child) => child.type === "text" && /^https?:/.test(child.value))) return;
        break;
      }
      default:
        break;
    }
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  for (const node of nodes) visit(node);
  return found;
}

/** Reads one token as a location, or undefined when it is not one. */
export function readLocation(raw: string, inCode: boolean): Location | undefined {
  const trimmed = raw.replace(/^[("'[{<]+/, "").replace(/[)"'\]}>,;!?]+$/, "").replace(/[.:]+$/, "");
  // A path the author wrote from the repository's root (`/src/api/search.py`) is that path.
  const token = REPO_ROOTS.test(trimmed) ? trimmed.slice(1) : trimmed;
  if (!token || token.startsWith("@") || token.includes("://") || token.startsWith("/")) return undefined;
  // Brackets belong to a path only when balanced inside it: `app/(auth)/page.tsx`, not `page.tsx)`.
  if (count(token, "(") !== count(token, ")") || count(token, "[") !== count(token, "]")) return undefined;
  const match = TOKEN.exec(token);
  if (!match || HOST_FIRST.test(token) || LIBRARY_NAMES.has(token.toLowerCase())) return undefined;
  const path = (match[1] as string).replace(/^\.\//, "");
  const line = match[2];
  if (path.includes("..") || /^\d/.test(path.split("/")[0] ?? "") && !path.includes("/")) return undefined;
  const base = path.endsWith("/") ? "" : (path.split("/").pop() ?? "");
  const dot = base.lastIndexOf(".");
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : dot === 0 ? base.slice(1).toLowerCase() : "";
  const stem = dot > 0 ? base.slice(0, dot).toLowerCase() : "";
  const knownFile =
    (EXTENSIONS.has(extension) && !(CODE_RECEIVERS.has(stem) && !path.includes("/") && line === undefined)) ||
    EXTENSIONLESS.has(base.toLowerCase()) ||
    TOOL_FILE.test(base) ||
    LOCK_FILE.test(base) ||
    /^\.env(\.|$)/.test(base);
  const hasDirectory = path.includes("/");
  if (inCode) {
    // In code, a path may have any extension, but needs a directory or a known name: `docs/arch.drawio`, `main.go`, `internal/api/`.
    const anyExtension = hasDirectory && /^[a-z][a-z0-9]{0,9}$/i.test(extension);
    if (!knownFile && !anyExtension && !(hasDirectory && path.endsWith("/"))) return undefined;
  } else if (!(knownFile && (hasDirectory || line !== undefined)) && !(hasDirectory && path.endsWith("/") && path.split("/").length > 2)) {
    return undefined;
  }
  return withLine(path, line);
}

function withLine(path: string, line: string | undefined): Location {
  const number = line === undefined ? undefined : Number(line);
  return number !== undefined && number > 0 ? { path, line: number } : { path };
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function tokens(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}
