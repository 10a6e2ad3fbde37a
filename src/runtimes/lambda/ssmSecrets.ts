// The Lambda runtime's secret source: each secret is an SSM SecureString named by a setting
// (SLACK_SIGNING_SECRET_PARAMETER, SLACK_CLIENT_SECRET_PARAMETER, SLACK_BOT_TOKEN_PARAMETER,
// SLACK_WEBHOOK_PARAMETER; a DIGESTS
// entry's webhookSecret is a parameter's name), read decrypted when first needed and kept while
// the instance is warm. The signing secret and the bot token may also be given as plain settings
// (tests, a quick trial); the team webhook may not, as a function's settings are shown in plain text.
import { ConfigError, type Env } from "../../config/env.js";
import { isSet, SLACK_BOT_TOKEN, SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET } from "../../config/registry.js";
import {
  SLACK_BOT_TOKEN_PARAMETER,
  SLACK_CLIENT_SECRET_PARAMETER,
  SLACK_SIGNING_SECRET_PARAMETER,
  SLACK_WEBHOOK_PARAMETER,
} from "./lambdaSettings.js";
import type { SecretName, SecretSource } from "../../app/ports.js";
import { awsServiceFromEnv } from "./aws/awsService.js";
import { cachedOnSuccess } from "./aws/cachedOnSuccess.js";
import { getSecureString } from "./aws/ssmParameter.js";
import { createClientSecretSource, createSigningSecretSource } from "./signingSecret.js";
import { outOfTimeIfTimedOut } from "./timeBudget.js";

/**
 * The secrets read here: the app's, and the OAuth client secret, which the install routes ask for
 * by the same name once the core's SecretName lists it.
 */
type Name = SecretName | "SLACK_CLIENT_SECRET";

const WHERE: Record<Name, string> = {
  SLACK_SIGNING_SECRET:
    "store the signing secret as an SSM SecureString and deploy with `-c signingSecretParameter=<its name>` (docs/AWS.md)",
  SLACK_CLIENT_SECRET:
    "store your Slack app's Client Secret as an SSM SecureString and deploy with `-c clientSecretParameter=<its name>` (docs/AWS.md)",
  SLACK_BOT_TOKEN:
    "store the app's Bot User OAuth Token (`xoxb-…`) as an SSM SecureString and deploy with `-c botTokenParameter=<its name>`",
  SLACK_WEBHOOK_URL:
    "store the webhook URL as an SSM SecureString and deploy with `-c webhookParameter=<its name>` (docs/AWS.md)",
};

export function createSsmSecrets(env: Env): SecretSource {
  const read = (name: string, deadlineMs?: number) =>
    getSecureString(awsServiceFromEnv("ssm", env), name, deadlineMs).catch(outOfTimeIfTimedOut);
  const signingSecret = createSigningSecretSource(env, read);
  const clientSecret = createClientSecretSource(env, read);
  // Each parameter read once per instance; a failed read is tried again.
  const readParameter = cachedOnSuccess(async (name: string) => (await read(name)).trim());
  const parameterOf = (name: Name) =>
    name === "SLACK_BOT_TOKEN"
      ? SLACK_BOT_TOKEN_PARAMETER.read(env)
      : name === "SLACK_WEBHOOK_URL"
        ? SLACK_WEBHOOK_PARAMETER.read(env)
        : name === "SLACK_CLIENT_SECRET"
          ? SLACK_CLIENT_SECRET_PARAMETER.read(env)
          : SLACK_SIGNING_SECRET_PARAMETER.read(env);
  const plain = (name: Name) =>
    name === "SLACK_BOT_TOKEN"
      ? SLACK_BOT_TOKEN.read(env)
      : name === "SLACK_SIGNING_SECRET" && isSet(SLACK_SIGNING_SECRET, env)
        ? SLACK_SIGNING_SECRET.read(env)
        : name === "SLACK_CLIENT_SECRET" && isSet(SLACK_CLIENT_SECRET, env)
          ? SLACK_CLIENT_SECRET.read(env)
          : undefined;
  return {
    has: (name) => parameterOf(name) !== undefined || plain(name) !== undefined,
    async read(secretName, deadlineMs) {
      const name = secretName;
      if (name === "SLACK_SIGNING_SECRET") return signingSecret(deadlineMs);
      if (name === "SLACK_CLIENT_SECRET") return clientSecret(deadlineMs);
      const parameter = parameterOf(name);
      if (parameter !== undefined) return readParameter(parameter);
      const value = plain(name);
      if (value === undefined) throw new ConfigError(`${name} is not set up: ${WHERE[name]}`);
      return value;
    },
    readNamed: readParameter,
    whereToSet: (name) => WHERE[name] ?? `store ${name} as an SSM SecureString`,
  };
}
