/**
 * A problem with a configuration file, described for the person who has to
 * fix it. Returned, never thrown: a broken file must not crash the app.
 */
export interface ConfigError {
  /** The file at fault as `owner/repo/path`, e.g. `acme/api/.github/factory.yml`. */
  file: string;
  /** 1-based line of the offending key or syntax error, when it could be found. */
  line?: number;
  /** One-line summary, starting `Invalid config in <file>:`. */
  message: string;
  /** The full explanation: zod's prettified issues or the YAML parser's message. */
  details: string;
}
