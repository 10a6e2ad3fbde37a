// Secrets kept as settings (environment variables, or a platform's secrets handed over as such): the
// secret source of every runtime that has no parameter store. `where` is the runtime's sentence.
import { ConfigError, type Env } from "../config/env.js";
import type { SecretName, SecretSource } from "./ports.js";

/** The runtime's own words for "set X here", e.g. `set X as a Worker secret (wrangler secret put X)`. */
export type WhereToSet = (name: string) => string;

export function envSecrets(env: Env, where: WhereToSet): SecretSource {
  const value = (name: string) => env[name]?.trim() || undefined;
  const read = async (name: string) => {
    const found = value(name);
    // The name only: the value is the secret.
    if (found === undefined) throw new ConfigError(`${name} is not set: ${where(name)}`);
    return found;
  };
  return {
    has: (name: SecretName) => value(name) !== undefined,
    read,
    readNamed: read,
    whereToSet: where,
  };
}
