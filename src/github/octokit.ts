import type { Context } from "probot";

/** The authenticated Octokit Probot hands to a webhook handler. */
export type Octokit = Context["octokit"];

/** A repository coordinate. */
export interface RepoRef {
  owner: string;
  repo: string;
}
