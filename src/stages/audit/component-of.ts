import type { Location } from "./finding.js";

/** Directory names that hold packages rather than name one. */
const CONTAINERS = new Set(
  "src lib libs internal pkg pkgs app apps cmd packages services service modules module source sources code main java kotlin scala python go com org net io test tests spec crates".split(
    " ",
  ),
);

/**
 * The package or directory a location belongs to, for a title's scope:
 * `internal/api/webhook.go` → `api`, `packages/web/src/Form.tsx` → `web`,
 * `services/billing/app/models.py` → `billing`, a root file → its name
 * (`Dockerfile` → `dockerfile`). Without a location: `repo`.
 */
export function componentOf(location: Location | undefined): string {
  if (!location) return "repo";
  const segments = location.path.split("/").filter(Boolean);
  const file = location.path.endsWith("/") ? undefined : segments.pop();
  const directory = segments.find((segment) => !CONTAINERS.has(segment.toLowerCase().replace(/^\./, "")));
  const name = directory ?? segments[segments.length - 1] ?? (file ? file.replace(/^\./, "").replace(/\.[^.]*$/, "") : "repo");
  return name.toLowerCase().replace(/^\./, "").replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "repo";
}
