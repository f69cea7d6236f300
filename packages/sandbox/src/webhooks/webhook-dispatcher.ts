import { createHmac, randomUUID } from "node:crypto";
import type { Store } from "../store.js";
import type { Installation, StoreEvent } from "../store-types.js";
import { validateWebhookPayload } from "./validate-webhook-payload.js";
import { seededRandom } from "./seeded-random.js";

/** How long GitHub keeps a delivery in the app's delivery log (and lets it be redelivered). */
export const DELIVERY_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * A delivery as it was (or will be) sent: one entry per attempt, so a
 * redelivery or an injected duplicate is an entry of its own with the same
 * `id` (guid).
 */
export interface WebhookDelivery {
  /** `X-GitHub-Delivery`; a redelivery keeps the original's. */
  id: string;
  /** `X-GitHub-Event`. */
  name: string;
  action: string | undefined;
  installationId: number;
  appId: number;
  /** The exact JSON body, serialised when the change happened. */
  body: string;
  /** `X-Hub-Signature-256` of `body` with the app's webhook secret. */
  signature: string;
  payload: Record<string, unknown>;
  /** HTTP status the target answered (200 for an in-process Probot that handled it), or null before delivery / without target. */
  status: number | null;
  /** Why a delivery failed, if it did. */
  error?: string;
  /** True for a manual redelivery or an injected duplicate. */
  redelivery: boolean;
  /** Milliseconds the target took to answer (the handlers' own time, not the background work they queue), once sent. */
  durationMs?: number;
  /**
   * GitHub's numeric delivery `id` of this attempt (what the app's delivery
   * log lists and redelivers by), given once the attempt is made: when it is
   * sent, or when it is logged as never sent. Unset while queued.
   */
  attemptId?: number;
  /** When the attempt was made, on the sandbox clock (set with {@link attemptId}). */
  deliveredAt?: Date;
  /** The headers the attempt carried (or would have carried, had it been sent). */
  requestHeaders?: Record<string, string>;
  /** The URL the attempt was posted to (HTTP targets only). */
  url?: string;
  /** What an HTTP target answered: its headers and body text. */
  response?: { headers: Record<string, string>; body: string };
}

/** Something that can receive deliveries. */
type Target =
  | { kind: "probot"; probot: { receive(event: { id: string; name: never; payload: never }): Promise<unknown> } }
  | { kind: "url"; url: string; secret: string };

/**
 * Turns store events into GitHub webhook deliveries: one per installation
 * that can see the change, with GitHub's headers and HMAC signature, queued
 * and sent asynchronously in order. Faults: duplicates (same delivery id, as
 * a manual redelivery does), seeded reordering of each batch, pause/resume,
 * and redelivery on demand.
 */
export class WebhookDispatcher {
  /** Every delivery, in the order they were created (duplicates included). */
  readonly log: WebhookDelivery[] = [];
  private readonly queue: WebhookDelivery[] = [];
  private target: Target | undefined;
  private paused = false;
  private duplicates = 0;
  private losing = false;
  private shuffle: (() => number) | undefined;
  private draining: Promise<void> | undefined;
  private inFlight = 0;
  /** The last numeric delivery id given out (a sequence of its own, so record ids elsewhere do not shift). */
  private lastAttemptId = 0;

  constructor(
    private readonly deps: {
      store: Store;
      /** Records a payload that breaks GitHub's webhook schema. */
      violation: (message: string) => void;
      /** Whether payloads are checked against `@octokit/openapi-webhooks`. */
      validate: () => boolean;
    },
  ) {
    deps.store.onEvent((event) => this.onEvent(event));
  }

  /** Delivers in-process to a Probot instance through `probot.receive` (replaces any other target). */
  toProbot(probot: unknown): void {
    this.target = { kind: "probot", probot: probot as Extract<Target, { kind: "probot" }>["probot"] };
  }

  /** Delivers by HTTP POST to `url`, signed with `secret` (replaces any other target). */
  toUrl(url: string, secret: string): void {
    this.target = { kind: "url", url, secret };
  }

  /** Deliveries queued or being sent. */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  /** While on, every delivery is lost (logged, never sent), as when GitHub cannot reach the app. */
  lose(on: boolean): void {
    this.losing = on;
  }

  /** The next `n` deliveries are each sent twice with the same delivery id. */
  duplicateNext(n = 1): void {
    this.duplicates += n;
  }

  /** Shuffles each batch of queued deliveries with a seeded PRNG (GitHub does not guarantee order). */
  reorder(on: boolean, seed = 42): void {
    this.shuffle = on ? seededRandom(seed) : undefined;
  }

  /** Holds deliveries in the queue until {@link resume}. */
  pause(): void {
    this.paused = true;
  }

  /** Releases held deliveries. */
  resume(): void {
    this.paused = false;
    this.kick();
  }

  /** Sends a past delivery again with the same id and body (a new attempt, with its own {@link WebhookDelivery.attemptId}). */
  redeliver(deliveryId: string): void {
    const original = this.log.find((d) => d.id === deliveryId);
    if (!original) throw new Error(`sandbox: no webhook delivery ${deliveryId} to redeliver`);
    const { id, name, action, installationId, appId, body, signature, payload } = original;
    this.enqueue({ id, name, action, installationId, appId, body, signature, payload, status: null, redelivery: true });
  }

  /**
   * The attempts in `appId`'s delivery log as GitHub keeps it: those made
   * within the last three days of the sandbox clock, newest first. Queued
   * deliveries are not in it until they are attempted.
   */
  attempts(appId: number): WebhookDelivery[] {
    const since = this.deps.store.now().getTime() - DELIVERY_RETENTION_MS;
    return this.log
      .filter((d) => d.appId === appId && d.attemptId !== undefined && d.deliveredAt !== undefined && d.deliveredAt.getTime() >= since)
      .sort((a, b) => (b.attemptId ?? 0) - (a.attemptId ?? 0));
  }

  /** Waits until the queue is empty, including deliveries caused while flushing (returns at once when paused). */
  async flush(): Promise<void> {
    while (!this.paused && (this.queue.length > 0 || this.draining)) {
      this.kick();
      await this.draining;
    }
  }

  private onEvent(event: StoreEvent): void {
    for (const installation of this.recipients(event)) {
      // `installation` events carry the full installation object already.
      const payload: Record<string, unknown> =
        "installation" in event.payload ? { ...event.payload } : { ...event.payload, installation: { id: installation.id, node_id: installation.nodeId } };
      const action = typeof payload.action === "string" ? payload.action : undefined;
      if (this.deps.validate()) {
        for (const error of validateWebhookPayload({ name: event.name, payload })) {
          this.deps.violation(`webhook ${event.name}${action ? `.${action}` : ""}: ${error}`);
        }
      }
      const delivery: WebhookDelivery = {
        id: randomUUID(),
        name: event.name,
        action,
        installationId: installation.id,
        appId: installation.appId,
        body: "",
        signature: "",
        payload,
        status: null,
        redelivery: false,
      };
      delivery.body = JSON.stringify(payload);
      const secret = this.deps.store.apps.get(installation.appId)?.webhookSecret ?? "";
      delivery.signature = `sha256=${createHmac("sha256", secret).update(delivery.body).digest("hex")}`;
      if (!this.target) {
        // Nothing is listening yet (e.g. while a test seeds its world): like
        // an app that is not running, it simply misses the event.
        this.log.push(this.attempted({ ...delivery, error: "no webhook target" }));
        continue;
      }
      if (this.losing) {
        // GitHub does not redeliver on its own: a delivery lost in transit is simply gone.
        this.log.push(this.attempted({ ...delivery, error: "lost in transit" }));
        continue;
      }
      this.enqueue(delivery);
      if (this.duplicates > 0) {
        this.duplicates -= 1;
        this.enqueue({ ...delivery, redelivery: true });
      }
    }
  }

  private recipients(event: StoreEvent): Installation[] {
    const all = [...this.deps.store.installations.values()];
    if (event.installationId !== undefined) return all.filter((i) => i.id === event.installationId);
    const listening = (i: Installation): boolean => i.events.includes(event.name);
    if (event.repoId !== null) {
      const repo = this.deps.store.reposById.get(event.repoId);
      return repo ? this.deps.store.installationsFor(repo).filter(listening) : [];
    }
    return all.filter((i) => i.account.id === event.accountId && listening(i));
  }

  private enqueue(delivery: WebhookDelivery): void {
    this.log.push(delivery);
    this.queue.push(delivery);
    this.kick();
  }

  private kick(): void {
    if (this.draining || this.paused || this.queue.length === 0) return;
    this.draining = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.drain())
      .finally(() => {
        this.draining = undefined;
        if (this.queue.length > 0 && !this.paused) this.kick();
      });
  }

  private async drain(): Promise<void> {
    while (!this.paused && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.queue.length);
      if (this.shuffle) {
        for (let i = batch.length - 1; i > 0; i--) {
          const j = Math.floor(this.shuffle() * (i + 1));
          [batch[i], batch[j]] = [batch[j] as WebhookDelivery, batch[i] as WebhookDelivery];
        }
      }
      for (const delivery of batch) {
        this.inFlight += 1;
        try {
          await this.send(delivery);
        } finally {
          this.inFlight -= 1;
        }
      }
    }
  }

  /** Gives `delivery` its numeric id, time and headers as the attempt is made. */
  private attempted(delivery: WebhookDelivery, secret?: string): WebhookDelivery {
    this.lastAttemptId += 1;
    delivery.attemptId = this.lastAttemptId;
    delivery.deliveredAt = this.deps.store.now();
    delivery.requestHeaders = this.headers(delivery, secret ?? this.deps.store.apps.get(delivery.appId)?.webhookSecret ?? "");
    return delivery;
  }

  private async send(delivery: WebhookDelivery): Promise<void> {
    const target = this.target;
    this.attempted(delivery, target?.kind === "url" ? target.secret : undefined);
    const started = performance.now();
    try {
      await this.sendTo(delivery);
    } finally {
      delivery.durationMs = performance.now() - started;
    }
  }

  private async sendTo(delivery: WebhookDelivery): Promise<void> {
    const target = this.target;
    if (!target) {
      delivery.error = "no webhook target";
      return;
    }
    if (target.kind === "probot") {
      try {
        await target.probot.receive({ id: delivery.id, name: delivery.name as never, payload: JSON.parse(delivery.body) as never });
        delivery.status = 200;
      } catch (error) {
        delivery.status = 500;
        delivery.error = (error as Error).message;
      }
      return;
    }
    delivery.url = target.url;
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: this.headers(delivery, target.secret),
        body: delivery.body,
      });
      delivery.status = response.status;
      delivery.response = { headers: Object.fromEntries(response.headers), body: await response.text() };
      if (!response.ok) delivery.error = `target answered ${response.status}`;
    } catch (error) {
      delivery.status = 0;
      delivery.error = (error as Error).message;
    }
  }

  /** GitHub's delivery headers, signed over the exact body. */
  headers(delivery: WebhookDelivery, secret: string): Record<string, string> {
    return {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/sandbox",
      "x-github-event": delivery.name,
      "x-github-delivery": delivery.id,
      "x-github-hook-id": String(delivery.appId),
      "x-github-hook-installation-target-id": String(delivery.appId),
      "x-github-hook-installation-target-type": "integration",
      "x-hub-signature": `sha1=${createHmac("sha1", secret).update(delivery.body).digest("hex")}`,
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(delivery.body).digest("hex")}`,
    };
  }
}
