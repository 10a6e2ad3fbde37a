// Where the receiver's Slack signing secret comes from: SLACK_SIGNING_SECRET when set (tests, a
// quick trial), else the SSM SecureString named by SLACK_SIGNING_SECRET_PARAMETER — so the secret
// never sits in the function's configuration. Read once per cold start; a failed read is not
// remembered, so the next request tries again.
import { ConfigError, type Env } from "../../config/env.js";
import { isSet, SLACK_SIGNING_SECRET, SLACK_SIGNING_SECRET_PARAMETER } from "../../config/registry.js";
import { cachedOnSuccess } from "../../aws/cachedOnSuccess.js";

export type SigningSecretSource = () => Promise<string>;

export function createSigningSecretSource(
  env: Env,
  getSecureString: (name: string) => Promise<string>,
): SigningSecretSource {
  const readParameter = cachedOnSuccess(async (parameterName: string) => {
    // A pasted secret may carry a newline; Slack's secrets are hex, so trimming is safe.
    const secret = (await getSecureString(parameterName)).trim();
    if (!secret) throw new ConfigError(`SSM parameter ${parameterName} is empty`);
    return secret;
  });

  return async () => {
    if (isSet(SLACK_SIGNING_SECRET, env)) return SLACK_SIGNING_SECRET.read(env);
    const parameterName = SLACK_SIGNING_SECRET_PARAMETER.read(env);
    if (!parameterName) throw new ConfigError("neither SLACK_SIGNING_SECRET_PARAMETER nor SLACK_SIGNING_SECRET is set");
    return readParameter(parameterName);
  };
}
