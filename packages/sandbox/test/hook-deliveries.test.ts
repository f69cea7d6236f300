import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/manual-clock.js";
import { iso } from "../src/render/iso.js";
import { TestOctokit, failureOf, seedWorld, statusOf, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A delivery as `GET /app/hook/deliveries` lists it. */
interface Item {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  duration: number;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
  throttled_at?: string | null;
}

/** A webhook receiver on a loopback port: records each delivery's `X-GitHub-Delivery` and answers `answer`. */
interface Receiver {
  url: string;
  received: string[];
  answer: number;
  close(): Promise<void>;
}

async function receiver(): Promise<Receiver> {
  const state: Receiver = { url: "", received: [], answer: 200, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      state.received.push(String(request.headers["x-github-delivery"]));
      response.writeHead(state.answer, { "content-type": "text/plain" }).end(state.answer < 300 ? "ok" : "down for maintenance");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

async function list(world: World, query: Record<string, unknown> = {}): Promise<{ items: Item[]; link: string | undefined }> {
  const response = await world.appOctokit.request("GET /app/hook/deliveries", query);
  return { items: response.data as Item[], link: response.headers.link };
}

describe("the app's webhook delivery log", () => {
  let world: World;
  let target: Receiver;
  beforeEach(async () => {
    world = seedWorld();
    target = await receiver();
    world.sandbox.webhooks.toUrl(target.url, world.app.webhookSecret);
  });
  afterEach(async () => {
    await target.close();
  });

  it("lists the app's deliveries newest first, a page at a time through the cursor in the link header", async () => {
    const mona = world.sandbox.as("mona");
    for (let i = 1; i <= 5; i++) mona.createIssue({ ...at, title: `#${i}` });
    await world.sandbox.webhooks.flush();
    const repoId = world.sandbox.store.requireRepo("acme", "api").id;

    const first = await list(world, { per_page: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.link).toMatch(/^<https:\/\/api\.github\.com\/app\/hook\/deliveries\?per_page=2&cursor=[^>]+>; rel="next"$/);

    const pages: Item[][] = [first.items];
    // (Bounded, so that a cursor that leads nowhere fails the test instead of looping.)
    for (let link = first.link; link !== undefined && pages.length < 10; ) {
      const url = /^<([^>]+)>; rel="next"$/.exec(link)?.[1] as string;
      const page = await world.appOctokit.request(`GET ${url}`);
      pages.push(page.data as Item[]);
      link = page.headers.link;
    }
    // Five issues opened, and the installation GitHub could not tell the app about (it was not listening yet).
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
    const items = pages.flat();
    const ids = items.map((d) => d.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(6);

    const sent = world.sandbox.webhooks.log.filter((d) => d.name === "issues");
    expect(items.slice(0, 5).map((d) => d.guid)).toEqual(sent.map((d) => d.id).reverse());
    expect(target.received).toEqual(sent.map((d) => d.id));
    expect(items[0]).toEqual({
      id: expect.any(Number),
      guid: sent.at(-1)?.id,
      delivered_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      redelivery: false,
      duration: expect.any(Number),
      status: "OK",
      status_code: 200,
      event: "issues",
      action: "opened",
      installation_id: world.installationId,
      repository_id: repoId,
      throttled_at: null,
    });
    expect(items[0]?.id).not.toBe(items[0]?.guid);
    expect(items[5]).toMatchObject({ event: "installation", action: "created", status_code: 502, repository_id: null });
    expect(world.sandbox.violations).toEqual([]);
  });

  it("filters by outcome: success is a 2xx or 3xx, failure a 4xx or 5xx", async () => {
    world.sandbox.as("mona").createIssue({ ...at, title: "fine" });
    await world.sandbox.webhooks.flush();
    target.answer = 503;
    world.sandbox.as("mona").createIssue({ ...at, title: "the app is down" });
    await world.sandbox.webhooks.flush();

    const ok = (await list(world, { status: "success" })).items;
    expect(ok.map((d) => [d.event, d.status, d.status_code])).toEqual([["issues", "OK", 200]]);
    const failed = (await list(world, { status: "failure" })).items;
    expect(failed.map((d) => [d.event, d.status, d.status_code])).toEqual([
      ["issues", "Invalid HTTP Response: 503", 503],
      ["installation", "failed to connect to host", 502],
    ]);

    const { data } = await world.appOctokit.request("GET /app/hook/deliveries/{delivery_id}", { delivery_id: failed[0]?.id as number });
    expect(data).toMatchObject({ id: failed[0]?.id, url: target.url, status_code: 503 });
    expect(data.response).toEqual({ headers: expect.objectContaining({ "content-type": "text/plain" }), payload: "down for maintenance" });
    expect(world.sandbox.violations).toEqual([]);
  });

  it("shows a delivery lost in transit as failed, and redelivers it to the app with the same guid", async () => {
    world.sandbox.webhooks.lose(true);
    const issue = world.sandbox.as("mona").createIssue({ ...at, title: "lost" });
    world.sandbox.webhooks.lose(false);
    await world.sandbox.webhooks.flush();
    expect(target.received).toEqual([]);

    const [lost] = (await list(world)).items;
    expect(lost).toMatchObject({ event: "issues", action: "opened", redelivery: false, status: "failed to connect to host", status_code: 502, duration: 0 });
    const { data: detail } = await world.appOctokit.request("GET /app/hook/deliveries/{delivery_id}", { delivery_id: lost?.id as number });
    expect(detail.request.headers).toMatchObject({ "X-GitHub-Delivery": lost?.guid, "X-GitHub-Event": "issues" });
    expect(detail.request.payload).toMatchObject({ action: "opened", issue: { number: issue.number, title: "lost" } });
    expect(detail.response).toEqual({ headers: null, payload: null });

    const redelivered = await world.appOctokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: lost?.id as number });
    expect([redelivered.status, redelivered.data]).toEqual([202, {}]);
    await world.sandbox.webhooks.flush();
    expect(target.received).toEqual([lost?.guid]);

    const [again, original] = (await list(world)).items;
    expect(again).toMatchObject({ guid: lost?.guid, redelivery: true, status: "OK", status_code: 200, event: "issues", action: "opened" });
    expect(again?.id).toBeGreaterThan(lost?.id as number);
    expect(original).toEqual(lost);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("answers 404 for an unknown delivery and for another app's", async () => {
    world.sandbox.as("mona").createIssue({ ...at, title: "ours" });
    await world.sandbox.webhooks.flush();
    const [ours] = (await list(world)).items;
    const other = world.sandbox.createApp({ slug: "other", webhookSecret: "other-secret" });
    const otherOctokit = new TestOctokit({ auth: { appId: other.id, privateKey: other.privateKey }, request: { fetch: world.sandbox.fetch } });

    const unknown = (ours?.id as number) + 1000;
    expect(await statusOf(world.appOctokit.request("GET /app/hook/deliveries/{delivery_id}", { delivery_id: unknown }))).toBe(404);
    expect(await statusOf(world.appOctokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: unknown }))).toBe(404);
    expect(await statusOf(otherOctokit.request("GET /app/hook/deliveries/{delivery_id}", { delivery_id: ours?.id as number }))).toBe(404);
    expect(await statusOf(otherOctokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: ours?.id as number }))).toBe(404);
    expect((await otherOctokit.request("GET /app/hook/deliveries")).data).toEqual([]);
    await world.sandbox.webhooks.flush();
    expect(target.received).toHaveLength(1);
  });

  it("takes the app's JWT only: an installation token or a user token is refused", async () => {
    // The installation's own Octokit would sign `/app…` requests with the JWT itself: send its token by hand.
    const { token } = (await world.appOctokit.rest.apps.createInstallationAccessToken({ installation_id: world.installationId })).data;
    for (const octokit of [world.withToken(token), world.withToken(world.sandbox.createUserToken("mona"))]) {
      const refused = await failureOf(octokit.request("GET /app/hook/deliveries"));
      expect([refused.status, refused.data.message]).toEqual([401, "A JSON web token could not be decoded"]);
      expect(await statusOf(octokit.request("GET /app/hook/deliveries/{delivery_id}", { delivery_id: 1 }))).toBe(401);
      expect(await statusOf(octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: 1 }))).toBe(401);
    }
  });

  it("refuses a per_page that is not a number and a cursor it did not hand out, and cuts per_page to 100", async () => {
    expect(await statusOf(world.appOctokit.request("GET /app/hook/deliveries?per_page=many"))).toBe(422);
    expect(await statusOf(world.appOctokit.request("GET /app/hook/deliveries?status=pending"))).toBe(422);
    expect(await statusOf(world.appOctokit.request("GET /app/hook/deliveries", { cursor: "page-2" }))).toBe(422);
    world.sandbox.violations.length = 0;

    const mona = world.sandbox.as("mona");
    for (let i = 1; i <= 101; i++) mona.createIssue({ ...at, title: `#${i}` });
    await world.sandbox.webhooks.flush();
    const page = await list(world, { per_page: 500 });
    expect(page.items).toHaveLength(100);
    expect(page.link).toContain("per_page=100&cursor=");
    expect(world.sandbox.violations).toEqual([]);
  });
});

describe("the delivery log's three days", () => {
  it("keeps deliveries for three days of the sandbox clock: older ones are not listed, got or redelivered", async () => {
    // The sandbox starts four days ago, so that after moving on it is now again (the app's JWT is signed with the real clock).
    const clock = new ManualClock(new Date(Date.now() - 4 * DAY_MS));
    const world = seedWorld({ now: clock.now });
    const target = await receiver();
    try {
      world.sandbox.webhooks.toUrl(target.url, world.app.webhookSecret);
      world.sandbox.as("mona").createIssue({ ...at, title: "four days old" });
      await world.sandbox.webhooks.flush();
      const old = world.sandbox.webhooks.log.at(-1);
      clock.advance(DAY_MS);
      world.sandbox.as("mona").createIssue({ ...at, title: "three days old" });
      await world.sandbox.webhooks.flush();
      clock.advance(3 * DAY_MS);

      const { items } = await list(world);
      expect(items.map((d) => [d.event, d.delivered_at])).toEqual([["issues", iso(new Date(clock.now().getTime() - 3 * DAY_MS))]]);
      const oldId = old?.attemptId as number;
      expect(items.map((d) => d.id)).not.toContain(oldId);
      expect(await statusOf(world.appOctokit.request("GET /app/hook/deliveries/{delivery_id}", { delivery_id: oldId }))).toBe(404);
      expect(await statusOf(world.appOctokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: oldId }))).toBe(404);
      await world.sandbox.webhooks.flush();
      expect(target.received).toEqual([old?.id, items[0]?.guid]);
      expect(world.sandbox.violations).toEqual([]);
    } finally {
      await target.close();
    }
  });
});
