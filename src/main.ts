/**
 * Starts Factory as `probot run` would — same environment variables, setup
 * page and server — but with Factory's Octokit: Probot's CLI cannot be given
 * one, and its own settings give up on every secondary rate limit while the
 * retry plugin repeats creations GitHub may already have applied.
 */
import { run } from "probot";
import app from "./app.js";
import { FactoryOctokit } from "./github/factory-octokit.js";

await run(app, { Octokit: FactoryOctokit });
