import type { RestHandler } from "./rest-context.js";
import { appHandlers } from "./handlers/app-handlers.js";
import { hookDeliveryHandlers } from "./handlers/hook-delivery-handlers.js";
import { repoHandlers } from "./handlers/repo-handlers.js";
import { contentsHandlers } from "./handlers/contents-handlers.js";
import { gitHandlers } from "./handlers/git-handlers.js";
import { issueHandlers } from "./handlers/issue-handlers.js";
import { commentHandlers } from "./handlers/comment-handlers.js";
import { labelHandlers } from "./handlers/label-handlers.js";
import { reactionHandlers } from "./handlers/reaction-handlers.js";
import { subIssueHandlers } from "./handlers/sub-issue-handlers.js";
import { issueDependencyHandlers } from "./handlers/issue-dependency-handlers.js";
import { pullHandlers } from "./handlers/pull-handlers.js";
import { checkHandlers } from "./handlers/check-handlers.js";
import { statusHandlers } from "./handlers/status-handlers.js";
import { rateLimitHandlers } from "./handlers/rate-limit-handlers.js";
import { protectionHandlers } from "./handlers/protection-handlers.js";
import { rulesetHandlers } from "./handlers/ruleset-handlers.js";

/** Every implemented REST operation, keyed by GitHub's operationId. */
export const restHandlers: Record<string, RestHandler> = {
  ...appHandlers,
  ...hookDeliveryHandlers,
  ...repoHandlers,
  ...contentsHandlers,
  ...gitHandlers,
  ...issueHandlers,
  ...commentHandlers,
  ...labelHandlers,
  ...reactionHandlers,
  ...subIssueHandlers,
  ...issueDependencyHandlers,
  ...pullHandlers,
  ...checkHandlers,
  ...statusHandlers,
  ...rateLimitHandlers,
  ...protectionHandlers,
  ...rulesetHandlers,
};
