import { z } from "zod";

/** Who may run `/factory` commands that change state. */
export const commandsSchema = z
  .strictObject({
    /**
     * Lowest repository permission needed for state-changing commands;
     * `help` and `status` are open to everyone.
     */
    permission: z
      .enum(["read", "triage", "write", "maintain", "admin"])
      .default("write")
      .describe("Lowest repository permission for state-changing /factory commands."),
  })
  .prefault({})
  .describe("/factory commands.");
