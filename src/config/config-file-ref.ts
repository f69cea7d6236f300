/** Where a configuration file lives. */
export interface ConfigFileRef {
  owner: string;
  repo: string;
  path: string;
}

/** `owner/repo/path`, the form used in messages to users. */
export function formatConfigFileRef(ref: ConfigFileRef): string {
  return `${ref.owner}/${ref.repo}/${ref.path}`;
}
