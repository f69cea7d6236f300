import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestHandler } from "./request-gate.js";

/** Where a listening sandbox can be reached. */
export interface ListeningAddress {
  /** `http://127.0.0.1:PORT` — what `GHE_HOST` / `GHE_PROTOCOL` point at. */
  url: string;
  /** `url + "/api/v3"` — the REST base URL for Octokit. */
  apiUrl: string;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The loopback transport: an HTTP server on 127.0.0.1 serving REST under
 * `/api/v3` and GraphQL at `/api/graphql`, the way a GitHub Enterprise
 * Server host is laid out — which is how a real `probot run` process is
 * pointed at the sandbox.
 */
export class HttpServer {
  private server: Server | undefined;

  constructor(private readonly router: RequestHandler) {}

  /** Starts listening (port 0 picks a free one). */
  async listen(params: { port?: number } = {}): Promise<ListeningAddress> {
    if (this.server) throw new Error("sandbox HTTP server is already listening");
    const server = createServer((request, response) => {
      void (async () => {
        try {
          const address = server.address() as AddressInfo;
          const url = new URL(request.url ?? "/", `http://127.0.0.1:${address.port}`);
          const headers: Record<string, string> = {};
          for (const [key, value] of Object.entries(request.headers)) {
            if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
          }
          const method = (request.method ?? "GET").toUpperCase();
          const body = method === "GET" || method === "HEAD" ? undefined : await readBody(request);
          const answer = await this.router.handle({ method, url, headers, body });
          response.writeHead(answer.status, answer.headers);
          response.end(answer.status === 204 || answer.status === 304 ? undefined : answer.body);
        } catch (error) {
          response.writeHead(500, { "content-type": "application/json; charset=utf-8" });
          response.end(JSON.stringify({ message: `sandbox HTTP transport failed: ${(error as Error).message}` }));
        }
      })();
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(params.port ?? 0, "127.0.0.1", () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    return { url, apiUrl: `${url}/api/v3` };
  }

  /** Stops listening and drops open connections. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }
}
