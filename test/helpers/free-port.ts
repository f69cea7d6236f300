import { createServer } from "node:net";

/**
 * A loopback port that was free a moment ago. Probot's `Server` treats port 0
 * as "use 3000" (`options.port || 3000`), so the port is picked beforehand.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
