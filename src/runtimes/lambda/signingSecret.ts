// Where the receiver's Slack signing secret comes from: SLACK_SIGNING_SECRET when set (tests, a
// quick trial), else the SSM SecureString named by SLACK_SIGNING_SECRET_PARAMETER — so the secret
// never sits in the function's configuration. Read once per cold start. A failed read is
// remembered for a few seconds, so a missing parameter or a struggling SSM is not asked again by
// every request in a burst, and then tried afresh.
import { ConfigError, type Env } from "../../config/env.js";
import { isSet, SLACK_SIGNING_SECRET } from "../../config/registry.js";
import { SLACK_SIGNING_SECRET_PARAMETER } from "./lambdaSettings.js";

/** How long a failed read answers for SSM: long enough to spare it a burst, short enough to recover unnoticed. */
export const FAILED_READ_MEMORY_MS = 5_000;

/** `deadlineMs` (epoch ms) bounds a read this call starts; a read already under way or done is shared. */
export type SigningSecretSource = (deadlineMs?: number) => Promise<string>;

export function createSigningSecretSource(
  env: Env,
  getSecureString: (name: string, deadlineMs?: number) => Promise<string>,
  nowMs: () => number = () => Date.now(),
): SigningSecretSource {
  let read: { secret: Promise<string>; failedAtMs?: number } | undefined;

  const load = async (parameterName: string, deadlineMs: number | undefined) => {
    // A pasted secret may carry a newline; Slack's secrets are hex, so trimming is safe.
    const secret = (await getSecureString(parameterName, deadlineMs)).trim();
    if (!secret) throw new ConfigError(`SSM parameter ${parameterName} is empty`);
    return secret;
  };

  return async (deadlineMs) => {
    if (isSet(SLACK_SIGNING_SECRET, env)) return SLACK_SIGNING_SECRET.read(env);
    const parameterName = SLACK_SIGNING_SECRET_PARAMETER.read(env);
    if (!parameterName) throw new ConfigError("neither SLACK_SIGNING_SECRET_PARAMETER nor SLACK_SIGNING_SECRET is set");
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
