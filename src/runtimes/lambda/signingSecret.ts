// Where the receiver's Slack signing secret comes from: SLACK_SIGNING_SECRET when set (tests, a
// quick trial), else the SSM SecureString named by SLACK_SIGNING_SECRET_PARAMETER — so the secret
// never sits in the function's configuration. Read once per cold start; a failed read is not
// remembered, so the next request tries again.
import { ConfigError, readSigningSecret } from "../../config.js";

type Env = Record<string, string | undefined>;

export type SigningSecretSource = () => Promise<string>;

export function createSigningSecretSource(env: Env, getSecureString: (name: string) => Promise<string>): SigningSecretSource {
  let cached: Promise<string> | undefined;

  return () => {
    if (cached) return cached;
    if (env.SLACK_SIGNING_SECRET?.trim()) return (cached = Promise.resolve(readSigningSecret(env)));
    const parameterName = env.SLACK_SIGNING_SECRET_PARAMETER?.trim();
    if (!parameterName) {
      return Promise.reject(new ConfigError("neither SLACK_SIGNING_SECRET_PARAMETER nor SLACK_SIGNING_SECRET is set"));
    }
    const reading = getSecureString(parameterName).then((value) => {
      // A pasted secret may carry a newline; Slack's secrets are hex, so trimming is safe.
      const secret = value.trim();
      if (!secret) throw new ConfigError(`SSM parameter ${parameterName} is empty`);
      return secret;
    });
    cached = reading;
    reading.catch(() => {
      if (cached === reading) cached = undefined;
    });
    return reading;
  };
}
