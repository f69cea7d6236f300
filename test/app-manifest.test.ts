import { readFileSync } from "node:fs";
import type { ApplicationFunctionOptions, Probot } from "probot";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createApp } from "../src/app.js";

/*
 * app.yml asks GitHub for exactly the events Factory acts on: each costs a
 * delivery per occurrence on every installed repository, so one Factory only
 * logs is waste (`check_suite` repeats every check run), and one it acts on
 * but does not subscribe to never arrives.
 */

const manifest = parse(readFileSync(new URL("../app.yml", import.meta.url), "utf8")) as { default_events: string[]; default_permissions: Record<string, string> };

/** The webhook events (without their actions) the app registers handlers for. */
function handledEvents(): string[] {
  const names = new Set<string>();
  const silent = { info: () => {}, debug: () => {}, warn: () => {}, error: () => {}, child: () => silent };
  let close: (() => Promise<void>) | undefined;
  const app = {
    log: silent,
    on: (events: string | string[]) => {
      for (const event of [events].flat()) names.add(event.split(".")[0] as string);
    },
    onAny: () => {},
    auth: async () => ({}),
  } as unknown as Probot;
  createApp({ env: {}, sweep: false, dashboardDelayMs: null, loaded: (factory) => (close = factory.close) })(app, {} as ApplicationFunctionOptions);
  void close?.();
  return [...names].sort();
}

describe("app.yml", () => {
  it("subscribes to exactly the events the app has handlers for", () => {
    expect([...manifest.default_events].sort()).toEqual(handledEvents());
  });

  it("asks for no permission beyond what Factory uses, the optional ones left commented out", () => {
    expect(manifest.default_permissions).toEqual({ issues: "write", pull_requests: "write", contents: "write", checks: "write", statuses: "read", metadata: "read" });
  });
});
