// The error every setting reports with, and the environment settings are read from. Values are
// never echoed in errors: some are secrets.

export class ConfigError extends Error {
  override name = "ConfigError";
}

export type Env = Record<string, string | undefined>;
