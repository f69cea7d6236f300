import { randomUUID } from "node:crypto";

/**
 * The id a command-line run records where the app records a webhook's
 * delivery id (ledger lines), so a line written from the command line can be
 * told apart and traced to one run.
 */
export function cliDelivery(verb: string): string {
  return `cli-${verb}-${randomUUID()}`;
}
