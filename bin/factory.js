#!/usr/bin/env node
// The `factory` command. In a checkout with dev dependencies it runs the
// TypeScript sources through tsx; in an installed build (no tsx, or no src/)
// it runs lib/.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
let register;
if (existsSync(source)) {
  try {
    ({ register } = await import("tsx/esm/api"));
  } catch {
    register = undefined;
  }
}
if (register) {
  register();
  await import(source.href);
} else {
  const built = new URL("../lib/cli/main.js", import.meta.url);
  if (!existsSync(built)) {
    process.stderr.write(
      "factory: lib/ is missing. Build it first with the dev dependencies (`npm ci && npm run build`); " +
        "`npm ci --omit=dev` then keeps lib/ and drops them.\n",
    );
    process.exit(1);
  }
  await import(built.href);
}
