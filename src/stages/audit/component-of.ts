import type { Location } from "./finding.js";

/** Directory names that hold packages rather than name one. */
const CONTAINERS = new Set(
  "src lib libs internal pkg pkgs app apps cmd packages services service modules module source sources code main java kotlin scala python go com org net io test tests spec crates".split(
    " ",
  ),
);

/** Root files that belong to a concern rather than a package: their scope is the concern. */
const ROOT_FILES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(dockerfile|containerfile)(\..*)?$|^(docker-)?compose(\.[\w-]+)?\.ya?ml$|^\.dockerignore$/i, "docker"],
  [/^(package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|go\.(mod|sum)|requirements[\w.-]*\.txt|pipfile(\.lock)?|pyproject\.toml|poetry\.lock|cargo\.(toml|lock)|gemfile(\.lock)?|composer\.(json|lock)|pom\.xml|build\.gradle(\.kts)?)$/i, "deps"],
  [/^(makefile|justfile|taskfile\.ya?ml)$/i, "build"],
  [/^\.env(\..*)?$/i, "config"],
];

/** Directories that name a concern: `.github/workflows/ci.yml` belongs to CI. */
const CONCERN_DIRECTORIES: Readonly<Record<string, string>> = { ".github": "ci", ".circleci": "ci", ".gitlab": "ci", docs: "docs", doc: "docs" };

/**
 * The package or directory a location belongs to, for a title's scope:
 * `internal/api/webhook.go` → `api`, `packages/web/src/Form.tsx` → `web`,
 * `services/billing/app/models.py` → `billing`, `app/(auth)/login/page.tsx`
 * → `auth`; a root file → its concern (`Dockerfile.dev` → `docker`,
 * `go.mod` → `deps`) or its name (`main.go` → `main`,
 * `README.md` → `readme`); `.github/workflows/…` → `ci`. Without a location: `repo`, which
 * titles leave out.
 */
export function componentOf(location: Location | undefined): string {
  if (!location) return "repo";
  const segments = location.path.split("/").filter(Boolean);
  const file = location.path.endsWith("/") ? undefined : segments.pop();
  const concern = segments.length > 0 ? CONCERN_DIRECTORIES[(segments[0] as string).toLowerCase()] : undefined;
  if (concern) return concern;
  const directory = segments.find((segment) => !CONTAINERS.has(segment.toLowerCase().replace(/^\./, "").replace(/^\((.*)\)$/, "$1")));
  const root = segments.length === 0 && file ? ROOT_FILES.find(([pattern]) => pattern.test(file))?.[1] : undefined;
  const name = root ?? directory ?? segments[segments.length - 1] ?? (file ? file.replace(/^\./, "").replace(/\.[^.]*$/, "") : "repo");
  return name.toLowerCase().replace(/^\./, "").replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "repo";
}
