import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/**
 * The image cannot be built here, so scripts/production-install.sh does what
 * the Dockerfile's runtime stage does. These checks hold the Dockerfile,
 * compose.yaml, the systemd unit, the Procfile and that script to one another,
 * and hold lib/'s imports to the production dependencies, so none drifts
 * silently.
 */
const root = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const pkg = JSON.parse(read("package.json")) as {
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's stages, each a list of instructions (continuation lines joined, comments dropped). */
function dockerStages(text: string): { name: string; from: string; instructions: Instruction[] }[] {
  const lines = text.replace(/\\\n/g, " ").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const stages: { name: string; from: string; instructions: Instruction[] }[] = [];
  for (const line of lines) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (keyword.toUpperCase() === "FROM") {
      const [from = "", , name = ""] = args.split(/\s+/);
      stages.push({ name, from, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** A shell array assigned in the script, e.g. `RUNTIME_FILES=(a b c)`. */
function scriptArray(script: string, name: string): string[] {
  const match = new RegExp(`^${name}=\\(([^)]*)\\)`, "m").exec(script);
  return match?.[1]?.trim().split(/\s+/) ?? [];
}

function scriptString(script: string, name: string): string | undefined {
  return new RegExp(`^${name}="([^"]*)"`, "m").exec(script)?.[1];
}

const stages = dockerStages(read("Dockerfile"));
const runtime = stages.at(-1)!;
const of = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const script = read("scripts/production-install.sh");
/** Every runtime COPY's sources, by name: `COPY --from=build /app/lib ./lib` copies lib. */
const runtimeSources = () =>
  of("COPY").flatMap((args) => {
    const parts = args.split(/\s+/).filter((p) => !p.startsWith("--"));
    return parts.slice(0, -1).map((source) => source.replace(/^\/app\//, "").replace(/\/$/, ""));
  });

describe("the Dockerfile", () => {
  it("builds in a stage with the dev dependencies and runs on node:20-slim", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages.find((s) => s.name === "build");
    expect(build?.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^npm ci\b(?!.*--omit)/), "npm run build"]),
    );
    expect(runtime.from).toBe("node:20-slim");
  });

  it("installs and copies in its runtime stage what scripts/production-install.sh installs and copies", () => {
    const install = scriptString(script, "RUNTIME_INSTALL");
    expect(install).toMatch(/^npm ci --omit=dev\b/);
    expect(of("RUN").some((run) => run.startsWith(install!))).toBe(true);
    const copied = runtimeSources();
    expect(new Set(copied)).toEqual(new Set(scriptArray(script, "RUNTIME_FILES")));
    expect(copied).toEqual(expect.arrayContaining(["package.json", "package-lock.json", "lib", "app.yml"]));
    expect(of("COPY").find((args) => / \.\/lib$/.test(args))).toMatch(/^--from=build /);
  });

  it("copies everything the package needs at run time: its bin and files", () => {
    const copied = runtimeSources();
    for (const file of pkg.files) expect(copied).toContain(file.replace(/\/$/, ""));
    for (const bin of Object.values(pkg.bin)) expect(copied).toContain(bin.split("/")[0]);
  });

  it("runs as a user other than root, listens on all interfaces on 3000 and checks /ping", () => {
    const users = of("USER");
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(of("EXPOSE")).toContain("3000");
    // Probot listens on localhost unless HOST says otherwise: unreachable from outside a container.
    expect(of("ENV").join(" ")).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(of("HEALTHCHECK").join(" ")).toMatch(/\/ping/);
    expect(of("CMD")).toEqual(['["node", "lib/main.js"]']);
  });

  it("gets from its build context only what it copies, never .env or a key", () => {
    const ignore = read(".dockerignore").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    expect(ignore[0]).toBe("*");
    const allowed = ignore.filter((l) => l.startsWith("!")).map((l) => l.slice(1).replace(/\/$/, ""));
    const fromContext = stages.flatMap((s) =>
      s.instructions
        .filter((i) => i.keyword === "COPY" && !i.args.startsWith("--from"))
        .flatMap((i) => i.args.split(/\s+/).slice(0, -1).map((p) => p.replace(/\/$/, ""))),
    );
    expect(new Set(fromContext)).toEqual(new Set(allowed));
    expect(allowed).not.toContain(".env");
  });
});

describe("compose.yaml", () => {
  const compose = parse(read("compose.yaml")) as {
    services: Record<string, { image?: string; build?: unknown; env_file?: unknown; environment?: Record<string, string>; healthcheck?: { test: string[] }; restart?: string; depends_on?: Record<string, { condition: string }> }>;
  };

  it("runs Factory, built from the Dockerfile, with Redis", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["factory", "redis"]);
    const { factory, redis } = compose.services;
    expect(factory?.build).toBeDefined();
    expect(factory?.env_file).toBeDefined();
    expect(factory?.environment?.REDIS_URL).toBe("redis://redis:6379");
    expect(factory?.environment?.NODE_ENV).toBe("production");
    expect(factory?.depends_on?.redis?.condition).toBe("service_healthy");
    expect(redis?.image).toMatch(/^redis:7\b/);
  });

  it("checks and restarts both", () => {
    for (const service of Object.values(compose.services)) {
      expect(service.healthcheck?.test.length).toBeGreaterThan(0);
      expect(service.restart).toMatch(/^(always|unless-stopped|on-failure)/);
    }
    expect(compose.services.factory?.healthcheck?.test.join(" ")).toMatch(/\/ping/);
  });
});

describe("the other ways to run it", () => {
  it("starts the same built file under systemd and from the Procfile", () => {
    const unit = read("deploy/factory.service");
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/factory\/lib\/main\.js$/m);
    expect(unit).toMatch(/^EnvironmentFile=/m);
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^User=(?!root$)\w+$/m);
    expect(read("Procfile")).toMatch(/^web: .*\bnode lib\/main\.js$/m);
    expect(pkg.scripts.start).toBe("node ./lib/main.js");
  });

  it("never needs TypeScript to start: prestart is plain JavaScript, and nothing builds on install", () => {
    expect(pkg.scripts.prestart).toMatch(/^node scripts\/[\w-]+\.mjs$/);
    // …and the image has it, so `npm start` works there too.
    expect(runtimeSources()).toContain((pkg.scripts.prestart ?? "").split(" ")[1]);
    // npm ci --omit=dev runs these, and tsc is not there.
    for (const hook of ["prepare", "preinstall", "install", "postinstall"]) expect(pkg.scripts[hook]).toBeUndefined();
  });
});

describe("lib/'s imports", () => {
  /** Every package src/ loads at run time (type-only imports vanish from lib/). */
  function runtimeImports(dir: string): Map<string, string> {
    const found = new Map<string, string>();
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        for (const [pkgName, file] of runtimeImports(path)) found.set(pkgName, file);
        continue;
      }
      if (!name.endsWith(".ts")) continue;
      const text = readFileSync(path, "utf8");
      const statements = text.match(/^(?:import|export)(?!\s+type\b)[^;]*?\bfrom\s+"([^"]+)"/gm) ?? [];
      const dynamic = [...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!);
      for (const specifier of [...statements.map((s) => /"([^"]+)"$/.exec(s)![1]!), ...dynamic]) {
        if (specifier.startsWith(".") || specifier.startsWith("node:")) continue;
        const parts = specifier.split("/");
        found.set(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!, path);
      }
    }
    return found;
  }

  it("are all production dependencies, so `npm ci --omit=dev` is enough to run it", () => {
    const missing = [...runtimeImports(join(root, "src"))].filter(([name]) => !(name in pkg.dependencies));
    expect(missing).toEqual([]);
  });
});
