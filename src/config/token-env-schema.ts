import { z } from "zod";

/**
 * GitHub token prefixes (classic, OAuth, user-to-server, server-to-server,
 * refresh and fine-grained) plus the 40-hex form of old OAuth tokens.
 * @see https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 */
const TOKEN_SHAPE = /^(?:gh[pousr]_|github_pat_)|^[\da-f]{40}$/;

const ENV_NAME = /^[A-Z_][A-Z\d_]*$/;

/**
 * The NAME of an environment variable holding a member's token, e.g.
 * `JULES_TOKEN`. Factory reads the token from its own environment at dispatch
 * time; a value that looks like a token itself is refused outright, because a
 * token committed to a repository is leaked to everyone who can read it. The
 * issue message never repeats the value.
 */
export const tokenEnvSchema = z
  .string()
  .superRefine((value, ctx) => {
    if (TOKEN_SHAPE.test(value.trim())) {
      ctx.addIssue({
        code: "custom",
        message:
          "this looks like a token: tokens never belong in the repository — revoke it, " +
          "store it in Factory's environment and put the variable's name here (e.g. JULES_TOKEN)",
      });
    } else if (!ENV_NAME.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: "must be the name of an environment variable, in capitals, digits and underscores (e.g. JULES_TOKEN)",
      });
    }
  })
  // Editors validating with the JSON Schema get the name rule too; the refinement above is invisible to it.
  .meta({ pattern: ENV_NAME.source })
  .describe(
    "Name of the environment variable (on Factory's server) that holds this member's GitHub token; never the token itself.",
  );
