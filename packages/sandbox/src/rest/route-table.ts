import type { OpenApiDocument, OpenApiOperation, OpenApiParameter } from "./openapi-spec.js";

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/** A route of GitHub's REST API. */
export interface Route {
  /** Upper-case HTTP method. */
  method: string;
  /** OpenAPI path template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`. */
  template: string;
  operationId: string;
  operation: OpenApiOperation;
}

/** A request path matched to a route, with its decoded path parameters. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
  /** Literal segments: more literals means a more specific route. */
  literals: number;
  greedy: number;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Matches request paths against every route in GitHub's OpenAPI description.
 * Parameters marked `x-multi-segment` (a file `path`, a git `ref`, a branch)
 * may span slashes; when several templates match, the one with the most
 * literal segments wins (`/issues/comments` beats `/issues/{issue_number}`).
 */
export class RouteTable {
  private readonly byMethod = new Map<string, Compiled[]>();
  private readonly byOperationId = new Map<string, Route>();

  constructor(private readonly spec: OpenApiDocument) {
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const [method, value] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        const operation = value as OpenApiOperation;
        const route: Route = { method: method.toUpperCase(), template, operationId: operation.operationId, operation };
        this.byOperationId.set(operation.operationId, route);
        const list = this.byMethod.get(route.method) ?? [];
        list.push(this.compile(route));
        this.byMethod.set(route.method, list);
      }
    }
  }

  /** The route for `method` and a decoded-on-match `path` (no query string), if GitHub has one. */
  match(method: string, path: string): RouteMatch | undefined {
    let best: { compiled: Compiled; groups: string[] } | undefined;
    for (const compiled of this.byMethod.get(method.toUpperCase()) ?? []) {
      const found = compiled.pattern.exec(path);
      if (!found) continue;
      if (
        !best ||
        compiled.literals > best.compiled.literals ||
        (compiled.literals === best.compiled.literals && compiled.greedy < best.compiled.greedy)
      ) {
        best = { compiled, groups: found.slice(1) };
      }
    }
    if (!best) return undefined;
    const params: Record<string, string> = {};
    best.compiled.names.forEach((name, i) => {
      const raw = best.groups[i] ?? "";
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw;
      }
    });
    return { route: best.compiled.route, params };
  }

  /** True when some method has a route for this path (used to tell 404 from 405-like misses). */
  hasPath(path: string): boolean {
    return [...this.byMethod.keys()].some((m) => this.match(m, path) !== undefined);
  }

  /** The route with this operationId, if any. */
  byId(operationId: string): Route | undefined {
    return this.byOperationId.get(operationId);
  }

  /** A parameter definition with its `$ref` resolved. */
  resolveParameter(param: OpenApiParameter | { $ref: string }): OpenApiParameter {
    if ("$ref" in param) {
      const name = param.$ref.split("/").pop() as string;
      const resolved = this.spec.components.parameters[name];
      if (!resolved) throw new Error(`OpenAPI parameter ${param.$ref} is not defined`);
      return resolved;
    }
    return param;
  }

  private compile(route: Route): Compiled {
    const multi = new Set(
      (route.operation.parameters ?? [])
        .map((p) => this.resolveParameter(p))
        .filter((p) => p.in === "path" && p["x-multi-segment"])
        .map((p) => p.name),
    );
    const names: string[] = [];
    let literals = 0;
    let greedy = 0;
    const source = route.template
      .split("/")
      .map((segment) => {
        if (!segment.includes("{")) {
          if (segment !== "") literals += 1;
          return escape(segment);
        }
        // A segment may mix literals and parameters, e.g. `{base}...{head}`.
        return segment
          .split(/(\{[^}]+\})/)
          .map((part) => {
            const name = /^\{([^}]+)\}$/.exec(part)?.[1];
            if (!name) return escape(part);
            names.push(name);
            if (multi.has(name)) {
              greedy += 1;
              // An empty file path is the repository root (`GET /contents/`).
              return name === "path" ? "(.*?)" : "(.+?)";
            }
            return "([^/]+?)";
          })
          .join("");
      })
      .join("/")
      // Octokit drops the trailing slash of an empty root path (`/contents`).
      .replace(/\/\(\.\*\?\)$/, "(?:/(.*?))?");
    return { route, pattern: new RegExp(`^${source}/?$`), names, literals, greedy };
  }
}
