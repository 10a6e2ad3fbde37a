// What an admin can set when deploying, as CDK context (`npm run deploy -- -c defaultPlace=farragut`),
// with defaults that work for the DC tracker. Checked at synth time with the same rules the
// worker applies at run time, so a mistake stops the deploy instead of the first command.
import { ConfigError } from "../src/config/env.js";
import { readDigests, type DigestSchedule } from "../src/digest/schedules.js";
import { readFulfilConfig } from "../src/config/fulfilConfig.js";
import { DEFAULT_TRACKER_URL } from "../src/config/registry.js";

export interface SlacktruxSettings {
  /** SSM SecureString holding the Slack signing secret; created by the admin, never by the stack. */
  signingSecretParameterName: string;
  /** Only when that parameter is encrypted with a customer managed KMS key (aws/ssm needs no grant). */
  signingSecretKmsKeyArn?: string;
  /** The tracker page; Food Truck Fiesta's by default, and required for a `selectors` tracker. */
  trackerUrl: string;
  /** How the page is read (TRACKER_KIND); the worker's default, foodtruckfiesta, when unset. */
  trackerKind?: string;
  /** TRACKER_SELECTORS's JSON, for trackerKind `selectors` (cdk.json may give the object itself). */
  trackerSelectors?: string;
  responseUrlHosts: string;
  trackerCacheSeconds: string;
  fulfilDeadlineMs: string;
  /** What `/foodtrucks` with no text looks up. */
  defaultPlace?: string;
  /** Incoming webhook for truck lists (a fixed channel). Needs the incoming-webhook scope. */
  webhookUrl?: string;
  /** Who is emailed when an alarm fires; without it the alarms show in the console only. */
  alarmEmail?: string;
  /** Daily digests (context `digests`, DIGESTS's format): one schedule each. Webhooks only by SSM parameter. */
  digests: DigestSchedule[];
}

export const DEFAULT_SETTINGS = {
  signingSecretParameterName: "/slacktrux/signing-secret",
  trackerUrl: DEFAULT_TRACKER_URL,
  responseUrlHosts: "hooks.slack.com",
  trackerCacheSeconds: "300",
  fulfilDeadlineMs: "10000",
} satisfies Partial<SlacktruxSettings>;

/** Settings as given, before trackerUrl's default is filled in (a selectors tracker has no default page). */
type GivenSettings = Omit<SlacktruxSettings, "trackerUrl"> & { trackerUrl?: string };

const OPTIONAL_KEYS = [
  "signingSecretKmsKeyArn",
  "trackerUrl",
  "trackerKind",
  "defaultPlace",
  "webhookUrl",
  "alarmEmail",
] as const;

/** `context` is how the app reads one CDK context value (`app.node.tryGetContext`). */
export function readSettings(context: (key: string) => unknown): SlacktruxSettings {
  const text = (key: keyof SlacktruxSettings): string | undefined => {
    const value = context(key);
    // `-c key=value` gives strings; cdk.json may give numbers.
    return value === undefined || value === null ? undefined : String(value).trim() || undefined;
  };
  const settings: GivenSettings = {
    signingSecretParameterName: text("signingSecretParameterName") ?? DEFAULT_SETTINGS.signingSecretParameterName,
    responseUrlHosts: text("responseUrlHosts") ?? DEFAULT_SETTINGS.responseUrlHosts,
    trackerCacheSeconds: text("trackerCacheSeconds") ?? DEFAULT_SETTINGS.trackerCacheSeconds,
    fulfilDeadlineMs: text("fulfilDeadlineMs") ?? DEFAULT_SETTINGS.fulfilDeadlineMs,
    digests: readDigestSettings(context("digests")),
  };
  for (const key of OPTIONAL_KEYS) {
    const value = text(key);
    if (value !== undefined) settings[key] = value;
  }
  const selectors = trackerSelectorsText(context("trackerSelectors"));
  if (selectors !== undefined) settings.trackerSelectors = selectors;
  // Checked before trackerUrl's default is filled in, so a selectors tracker without its page is
  // refused by the worker's own rule rather than deployed pointing at Food Truck Fiesta's.
  checkSettings(settings);
  return { ...settings, trackerUrl: settings.trackerUrl ?? DEFAULT_SETTINGS.trackerUrl };
}

/** `-c trackerSelectors='{…}'` gives JSON text, cdk.json may give the object itself: either way, JSON text for the worker. */
function trackerSelectorsText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.trim() || undefined;
}

/** `-c digests='[…]'` gives JSON text, cdk.json may give the list itself; both are read by DIGESTS's rules. */
function readDigestSettings(value: unknown): DigestSchedule[] {
  try {
    // On AWS a webhook URL would sit in the schedule's input in plain text: SSM parameters only.
    return readDigests(value, { source: "digests", webhookUrlAllowed: false });
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`invalid CDK context: ${error.message}`);
    throw error;
  }
}

function checkSettings(settings: GivenSettings): void {
  if (!/^[a-zA-Z0-9_.\-/]+$/.test(settings.signingSecretParameterName)) {
    throw new ConfigError("signingSecretParameterName must be an SSM parameter name such as /slacktrux/signing-secret");
  }
  // A file path works on a laptop, not inside a function.
  if (settings.trackerUrl !== undefined && !/^https?:\/\//i.test(settings.trackerUrl))
    throw new ConfigError("trackerUrl must be an http(s) URL");
  try {
    readFulfilConfig(workerSettingsEnvironment(settings));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The worker's message names its variable; the admin typed the context key.
    let message = error.message;
    for (const [variable, key] of Object.entries(CONTEXT_KEY_OF_VARIABLE)) message = message.replaceAll(variable, key);
    throw new ConfigError(`invalid CDK context: ${message}`);
  }
}

const CONTEXT_KEY_OF_VARIABLE = {
  TRACKER_URL: "trackerUrl",
  TRACKER_KIND: "trackerKind",
  TRACKER_SELECTORS: "trackerSelectors",
  SLACK_RESPONSE_URL_HOSTS: "responseUrlHosts",
  TRACKER_CACHE_SECONDS: "trackerCacheSeconds",
  FULFIL_DEADLINE_MS: "fulfilDeadlineMs",
  SLACK_WEBHOOK_URL: "webhookUrl",
} as const;

/** The worker's environment variables that come from settings (the stack adds the table name). */
export function workerSettingsEnvironment(settings: GivenSettings): Record<string, string> {
  return {
    // Absent only while readSettings checks settings as given: then the worker's own default applies.
    ...(settings.trackerUrl ? { TRACKER_URL: settings.trackerUrl } : {}),
    ...(settings.trackerKind ? { TRACKER_KIND: settings.trackerKind } : {}),
    ...(settings.trackerSelectors ? { TRACKER_SELECTORS: settings.trackerSelectors } : {}),
    SLACK_RESPONSE_URL_HOSTS: settings.responseUrlHosts,
    TRACKER_CACHE_SECONDS: settings.trackerCacheSeconds,
    FULFIL_DEADLINE_MS: settings.fulfilDeadlineMs,
    ...(settings.webhookUrl ? { SLACK_WEBHOOK_URL: settings.webhookUrl } : {}),
  };
}
