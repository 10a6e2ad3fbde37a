// Configuration from environment variables, checked once at start-up so a mistake is reported
// by name before any request arrives. Values are never echoed: some are secrets.
import { trackerLocation } from "./trucks/fetchTrackerPage.js";
import { parseAllowedHosts, type AllowedHost } from "./slack/responseUrlPolicy.js";

export const DEFAULT_TRACKER_URL = "http://foodtruckfiesta.com/dc-food-truck-list/";

/** What phase 2 needs: the same on a laptop and on Lambda. */
export interface FulfilConfig {
  trackerLocation: URL;
  responseUrlHosts: AllowedHost[];
  webhookUrl?: string;
  trackerCacheSeconds: number;
  fulfilDeadlineMs: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

export function readFulfilConfig(env: Env): FulfilConfig {
  let location: URL;
  try {
    location = trackerLocation(env.TRACKER_URL?.trim() || DEFAULT_TRACKER_URL);
  } catch {
    throw new ConfigError("TRACKER_URL must be an http(s) URL, a file: URL or a path");
  }
  let hosts: AllowedHost[];
  try {
    hosts = parseAllowedHosts(env.SLACK_RESPONSE_URL_HOSTS ?? "hooks.slack.com");
  } catch {
    throw new ConfigError("SLACK_RESPONSE_URL_HOSTS must be a comma-separated list of host[:port]");
  }
  if (hosts.length === 0) throw new ConfigError("SLACK_RESPONSE_URL_HOSTS must name at least one host, e.g. hooks.slack.com");
  const webhookUrl = env.SLACK_WEBHOOK_URL?.trim() || undefined;
  if (webhookUrl !== undefined && !URL.canParse(webhookUrl)) throw new ConfigError("SLACK_WEBHOOK_URL must be a URL");
  return {
    trackerLocation: location,
    responseUrlHosts: webhookUrl ? withWebhookHost(hosts, webhookUrl) : hosts,
    webhookUrl,
    trackerCacheSeconds: readNumber(env, "TRACKER_CACHE_SECONDS", 300, 0, 86_400),
    fulfilDeadlineMs: readNumber(env, "FULFIL_DEADLINE_MS", 10_000, 100, 600_000),
  };
}

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

// The admin chose the webhook, so its host is trusted for posting without listing it twice.
function withWebhookHost(hosts: AllowedHost[], webhookUrl: string): AllowedHost[] {
  const { hostname } = new URL(webhookUrl);
  return hosts.some((host) => host.hostname === hostname) ? hosts : [...hosts, { hostname }];
}
