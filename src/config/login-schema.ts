import { z } from "zod";

/**
 * Letters, digits and single inner dashes, up to 39 characters, optionally
 * with the `[bot]` suffix GitHub gives app accounts.
 */
const LOGIN = /^[A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38}(?:\[bot\])?$/;

/** A GitHub login such as `octocat` or `renovate[bot]`. */
export const loginSchema = z.string().regex(LOGIN, "must be a GitHub login such as octocat");
