import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";

/** The part of GitHub's webhook description this module reads. */
interface WebhooksDocument {
  webhooks: Record<string, { post?: { operationId?: string; requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } } }>;
  components: Record<string, unknown>;
}

/** Where a webhook's payload schema lives, keyed by event then by action. */
interface WebhookIndex {
  /** `push`-style events (no `action` in the payload): event → schema ref. */
  withoutAction: Map<string, string>;
  /** event → action → schema ref; names are hyphenated as in the document. */
  withAction: Map<string, Map<string, string>>;
}

interface Loaded {
  ajv: Ajv2020;
  index: WebhookIndex;
}

/** The id the document is registered under, so `$ref`s resolve into it. */
const DOCUMENT_ID = "https://sandbox.invalid/openapi-webhooks.json";

let loaded: Loaded | undefined;
const validators = new Map<string, ValidateFunction>();

/**
 * Checks a webhook payload against GitHub's official webhook description
 * (`@octokit/openapi-webhooks`, api.github.com flavour), so the sandbox can
 * never emit a payload GitHub would not send.
 *
 * The schema is picked by the event name (the `X-GitHub-Event` header) and,
 * for events that have actions, by `payload.action`.
 *
 * @returns human-readable errors, each naming the offending path; empty when
 *   the payload is valid.
 */
export function validateWebhookPayload(params: { name: string; payload: unknown }): string[] {
  const { name, payload } = params;
  const { index } = load();
  const event = hyphenate(name);
  let schemaRef = index.withoutAction.get(event);
  let cacheKey = event;
  if (schemaRef === undefined) {
    const actions = index.withAction.get(event);
    if (actions === undefined) {
      return [`unknown webhook event '${name}'`];
    }
    const action = readAction(payload);
    if (action === undefined) {
      return [`payload for webhook event '${name}' has no string 'action' (expected one of: ${[...actions.keys()].join(", ")})`];
    }
    schemaRef = actions.get(hyphenate(action));
    if (schemaRef === undefined) {
      return [`unknown action '${action}' for webhook event '${name}' (known: ${[...actions.keys()].join(", ")})`];
    }
    cacheKey = `${event}.${hyphenate(action)}`;
  }
  const validate = getValidator(cacheKey, schemaRef);
  if (validate(payload)) {
    return [];
  }
  return (validate.errors ?? []).map(describeError);
}

function readAction(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null) {
    return undefined;
  }
  const action = (payload as { action?: unknown }).action;
  return typeof action === "string" ? action : undefined;
}

/** Event and action names use `_` on the wire and `-` in the document's keys. */
function hyphenate(name: string): string {
  return name.replaceAll("_", "-");
}

function getValidator(cacheKey: string, schemaRef: string): ValidateFunction {
  const cached = validators.get(cacheKey);
  if (cached !== undefined) {
    return cached;
  }
  const { ajv } = load();
  // Compiling only the fragment that is asked for keeps the first check cheap;
  // the document holds ~260 payload schemas and most are never needed.
  const validate = ajv.getSchema(`${DOCUMENT_ID}${schemaRef}`);
  if (validate === undefined) {
    throw new Error(`webhook schema ${schemaRef} not found in @octokit/openapi-webhooks`);
  }
  validators.set(cacheKey, validate);
  return validate;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === "" ? "payload" : `payload${error.instancePath}`;
  const allowed = error.keyword === "enum" ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})` : "";
  return `${where} ${error.message ?? "is invalid"}${allowed}`;
}

function load(): Loaded {
  if (loaded !== undefined) {
    return loaded;
  }
  // Only the api.github.com file: the package also ships GHES variants that
  // would multiply the load time for nothing.
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi-webhooks/generated/api.github.com.json");
  let document: WebhooksDocument;
  try {
    document = JSON.parse(readFileSync(file, "utf8")) as WebhooksDocument;
  } catch (error) {
    throw new Error(`cannot read GitHub's webhook description at ${file}`, { cause: error });
  }
  // GitHub's description is not written for ajv's strict mode (OpenAPI
  // keywords such as `example`, the `int64` format), so strictness is off and
  // the OpenAPI-only formats are accepted as-is.
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
  formatsModule.default(ajv);
  ajv.addFormat("int64", true);
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  loaded = { ajv, index: indexWebhooks(document) };
  return loaded;
}

/**
 * Builds event → action → schema from the operation ids, which read
 * `issues/opened`, `sub-issues/sub-issue-added` or plain `push`; the webhook
 * keys alone are ambiguous (`installation-repositories-added`).
 */
function indexWebhooks(document: WebhooksDocument): WebhookIndex {
  const index: WebhookIndex = { withoutAction: new Map(), withAction: new Map() };
  for (const [key, webhook] of Object.entries(document.webhooks)) {
    const post = webhook.post;
    const ref = post?.requestBody?.content?.["application/json"]?.schema?.$ref;
    const operationId = post?.operationId;
    if (ref === undefined || operationId === undefined) {
      throw new Error(`webhook '${key}' in @octokit/openapi-webhooks has no payload schema or operation id`);
    }
    const slash = operationId.indexOf("/");
    if (slash === -1) {
      index.withoutAction.set(operationId, ref);
      continue;
    }
    const event = operationId.slice(0, slash);
    const action = operationId.slice(slash + 1);
    const actions = index.withAction.get(event) ?? new Map<string, string>();
    actions.set(action, ref);
    index.withAction.set(event, actions);
  }
  return index;
}
