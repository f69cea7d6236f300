// `npm start`'s first step (prestart), in plain JavaScript so it needs no dev dependency.
// With the dev dependencies installed (a checkout after `npm ci`) it runs `npm run build`, so
// `npm start` runs the current sources. Without them (`npm ci --omit=dev`, a production install)
// it builds nothing: it only checks that lib/ was built beforehand.
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const root = new URL("../", import.meta.url);
const require = createRequire(import.meta.url);

let hasTypeScript = true;
try {
  require.resolve("typescript");
} catch {
  hasTypeScript = false;
}

if (hasTypeScript) {
  // npm_execpath is the npm that runs this script; outside npm, the `npm` on the PATH.
  const npm = process.env.npm_execpath;
  const build = npm
    ? spawnSync(process.execPath, [npm, "run", "build"], { cwd: root, stdio: "inherit" })
    : spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", shell: true });
  process.exit(build.status ?? 1);
}

if (!existsSync(new URL("lib/main.js", root))) {
  process.stderr.write(
    "lib/main.js is missing and TypeScript is not installed (a production install has no dev dependencies).\n" +
      "Build first, with the dev dependencies: `npm ci && npm run build`; then `npm ci --omit=dev` keeps lib/ and drops them.\n",
  );
  process.exit(1);
}
