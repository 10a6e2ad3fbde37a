// Configuration basics: the error every setting reports with, and the settings phase 1 needs.
// Kept apart from fulfilConfig.ts so the Lambda receiver bundles none of phase 2's parsers.
// Values are never echoed in errors: some are secrets.

export class ConfigError extends Error {
  override name = "ConfigError";
}

export type Env = Record<string, string | undefined>;

export function readSigningSecret(env: Env): string {
  const secret = env.SLACK_SIGNING_SECRET?.trim();
  if (!secret) {
    throw new ConfigError(
      "SLACK_SIGNING_SECRET is not set. Copy it from your Slack app's Basic Information page (App Credentials → Signing Secret) and set SLACK_SIGNING_SECRET before starting.",
    );
  }
  return secret;
}

export function readNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max}`);
  }
  return value;
}
