// The settings installs need, read together: with SLACK_CLIENT_ID unset the app serves one
// workspace (SLACK_BOT_TOKEN) as before; with it set, the secret and the public URL are required.
import { ConfigError, type Env } from "./env.js";
import { SLACK_API_URL, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACKTRUX_PUBLIC_URL } from "./registry.js";

export interface InstallSettings {
  clientId: string;
  /** A secret. */
  clientSecret: string;
  /** SLACKTRUX_PUBLIC_URL, without a trailing "/". */
  publicUrl: string;
  /** SLACK_API_URL, ending in "/". */
  apiUrl: string;
}

/** The settings, or undefined in single-workspace mode (no client id). */
export function readInstallSettings(env: Env): InstallSettings | undefined {
  const clientId = SLACK_CLIENT_ID.read(env);
  if (clientId === undefined) return undefined;
  const clientSecret = SLACK_CLIENT_SECRET.read(env);
  if (clientSecret === undefined) {
    throw new ConfigError(
      "SLACK_CLIENT_SECRET is not set. With SLACK_CLIENT_ID set, installs need your Slack app's Client Secret (Basic Information → App Credentials).",
    );
  }
  const publicUrl = SLACKTRUX_PUBLIC_URL.read(env);
  if (publicUrl === undefined) {
    throw new ConfigError(
      "SLACKTRUX_PUBLIC_URL is not set. With SLACK_CLIENT_ID set, installs need the https URL people reach slacktrux at (its OAuth redirect URL is built from it).",
    );
  }
  return { clientId, clientSecret, publicUrl, apiUrl: SLACK_API_URL.read(env) };
}
