// Where the receiver's Slack signing secret (and the OAuth client secret) comes from: SLACK_SIGNING_SECRET when set (tests, a
// quick trial), else the SSM SecureString named by SLACK_SIGNING_SECRET_PARAMETER — so the secret
// never sits in the function's configuration. Read once per cold start. A failed read is
// remembered for a few seconds, so a missing parameter or a struggling SSM is not asked again by
// every request in a burst, and then tried afresh.
import { ConfigError, type Env } from "../../config/env.js";
import { isSet, SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET, type Setting } from "../../config/registry.js";
import { SLACK_CLIENT_SECRET_PARAMETER, SLACK_SIGNING_SECRET_PARAMETER } from "./lambdaSettings.js";

/** How long a failed read answers for SSM: long enough to spare it a burst, short enough to recover unnoticed. */
export const FAILED_READ_MEMORY_MS = 5_000;

/** `deadlineMs` (epoch ms) bounds a read this call starts; a read already under way or done is shared. */
export type SigningSecretSource = (deadlineMs?: number) => Promise<string>;

export function createSigningSecretSource(
  env: Env,
  getSecureString: (name: string, deadlineMs?: number) => Promise<string>,
  nowMs: () => number = () => Date.now(),
): SigningSecretSource {
  return createSsmSecretSource(
    { plain: SLACK_SIGNING_SECRET, parameter: SLACK_SIGNING_SECRET_PARAMETER },
    env,
    getSecureString,
    nowMs,
  );
}

/**
 * The OAuth client secret, read the same way: SLACK_CLIENT_SECRET when set, else the SSM
 * SecureString named by SLACK_CLIENT_SECRET_PARAMETER, once per cold start, inside the request's budget.
 */
export function createClientSecretSource(
  env: Env,
  getSecureString: (name: string, deadlineMs?: number) => Promise<string>,
  nowMs: () => number = () => Date.now(),
): SigningSecretSource {
  return createSsmSecretSource(
    { plain: SLACK_CLIENT_SECRET, parameter: SLACK_CLIENT_SECRET_PARAMETER },
    env,
    getSecureString,
    nowMs,
  );
}

function createSsmSecretSource(
  settings: { plain: Setting<string | undefined>; parameter: Setting<string | undefined> },
  env: Env,
  getSecureString: (name: string, deadlineMs?: number) => Promise<string>,
  nowMs: () => number,
): SigningSecretSource {
  let read: { secret: Promise<string>; failedAtMs?: number } | undefined;

  const load = async (parameterName: string, deadlineMs: number | undefined) => {
    // A pasted secret may carry a newline; Slack's secrets are hex, so trimming is safe.
    const secret = (await getSecureString(parameterName, deadlineMs)).trim();
    if (!secret) throw new ConfigError(`SSM parameter ${parameterName} is empty`);
    return secret;
  };

  return async (deadlineMs) => {
    if (isSet(settings.plain, env)) return settings.plain.read(env)!;
    const parameterName = settings.parameter.read(env);
    if (!parameterName) {
      throw new ConfigError(`neither ${settings.parameter.name} nor ${settings.plain.name} is set`);
    }
    const forgotten = read?.failedAtMs !== undefined && nowMs() - read.failedAtMs >= FAILED_READ_MEMORY_MS;
    if (read && !forgotten) return read.secret;
    const current: { secret: Promise<string>; failedAtMs?: number } = { secret: load(parameterName, deadlineMs) };
    read = current;
    current.secret.catch(() => {
      current.failedAtMs = nowMs();
    });
    return current.secret;
  };
}
