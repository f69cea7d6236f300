import type { ConfigWarning } from "../../config/config-warning.js";
import type { Action } from "../../model/action.js";

/**
 * The command reply with the settings Factory ignored listed at its end, so
 * the maintainer who ran a command learns that their repository's file asked
 * for something only the organisation may set (SPEC §5), and where. Every
 * other action is unchanged; without warnings, so is the reply.
 */
export function withConfigWarnings(params: { actions: readonly Action[]; warnings: readonly ConfigWarning[] }): Action[] {
  if (params.warnings.length === 0) return [...params.actions];
  const section = [
    "⚠️ Factory ignored these settings and used the organisation's:",
    "",
    ...params.warnings.map((warning) => `- ${warning.message}`),
    "",
    "Member tokens, mention templates, budget members, the ledger and the upper limits of shares and quotas are read only from " +
      "the organisation's `.github` repository; a repository's file may narrow them (a lower share or quota, fewer agents or issue types), " +
      "never widen them or pick a token. Remove these keys, or ask an owner of the organisation to change its file.",
  ].join("\n");
  return params.actions.map((action) =>
    action.kind === "comment" && action.marker.kind === "reply" ? { ...action, body: `${action.body}\n\n---\n\n${section}` } : action,
  );
}
