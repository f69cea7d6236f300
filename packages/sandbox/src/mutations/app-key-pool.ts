import { generateKeyPairSync } from "node:crypto";

/** An app's RSA key pair as PEM strings. */
export interface AppKeyPair {
  privateKey: string;
  publicKey: string;
}

const pool: AppKeyPair[] = [];

/**
 * The key pair for the `index`-th app of a sandbox. Generating RSA keys is
 * the slowest part of seeding, so sandboxes in one process share them by
 * position: apps within one sandbox always get different keys (a JWT signed
 * for one app never verifies for another), while the tenth test's first app
 * reuses the first test's.
 */
export function appKeyPair(index: number): AppKeyPair {
  while (pool.length <= index) {
    // GitHub hands out PKCS#1 PEMs ("BEGIN RSA PRIVATE KEY"); use the same so
    // the app's key handling is exercised as in production.
    const { privateKey, publicKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
    });
    pool.push({ privateKey, publicKey });
  }
  return pool[index] as AppKeyPair;
}
