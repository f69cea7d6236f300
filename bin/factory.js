#!/usr/bin/env node
// The `factory` command. In a checkout with dev dependencies it runs the
// TypeScript sources through tsx; in an installed build it runs lib/.
let register;
try {
  ({ register } = await import("tsx/esm/api"));
} catch {
  register = undefined;
}
if (register) {
  register();
  await import(new URL("../src/cli/main.ts", import.meta.url).href);
} else {
  await import(new URL("../lib/cli/main.js", import.meta.url).href);
}
