/**
 * The sentence the JSON Schema adds to every setting only the organisation's
 * configuration may set (SPEC §5; enforced by `applyOrgRules`).
 */
export const ORG_ONLY = " Read only from the organisation's .github repository.";
