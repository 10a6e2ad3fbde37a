// The settings installs need, read together: with SLACK_CLIENT_ID unset the app serves one
// workspace (SLACK_BOT_TOKEN) as before; with it set, the public URL is required, and the client
// secret (SLACK_CLIENT_SECRET) too — read through the runtime's secret source, which the app core
// checks at start (a Worker secret, an SSM parameter or the environment).
import { ConfigError, type Env } from "./env.js";
import { SLACK_API_URL, SLACK_CLIENT_ID, SLACKTRUX_PUBLIC_URL } from "./registry.js";

export interface InstallConfig {
  clientId: string;
  /** SLACKTRUX_PUBLIC_URL, without a trailing "/". */
  publicUrl: string;
  /** SLACK_API_URL, ending in "/". */
  apiUrl: string;
}

export interface InstallSettings extends InstallConfig {
  /** A secret: SLACK_CLIENT_SECRET, from the runtime's secret source. */
  clientSecret: string;
}

/** The sentence after "SLACK_CLIENT_SECRET is not set: …" that says what the secret is. */
export const CLIENT_SECRET_IS =
  "with SLACK_CLIENT_ID set, installs need your Slack app's Client Secret (Basic Information → App Credentials)";

/** The settings but the secret, or undefined in single-workspace mode (no client id). */
export function readInstallConfig(env: Env): InstallConfig | undefined {
  const clientId = SLACK_CLIENT_ID.read(env);
  if (clientId === undefined) return undefined;
  const publicUrl = SLACKTRUX_PUBLIC_URL.read(env);
  if (publicUrl === undefined) {
    throw new ConfigError(
      "SLACKTRUX_PUBLIC_URL is not set. With SLACK_CLIENT_ID set, installs need the https URL people reach slacktrux at (its OAuth redirect URL is built from it).",
    );
  }
  return { clientId, publicUrl, apiUrl: SLACK_API_URL.read(env) };
}
