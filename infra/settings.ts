// What an admin can set when deploying, as CDK context (`npm run deploy -- -c defaultPlace=farragut`),
// with defaults that work for the DC tracker. Checked at synth time with the same rules the
// worker applies at run time, so a mistake stops the deploy instead of the first command.
import { ConfigError } from "../src/config/env.js";
import { readDigests, type DigestSchedule } from "../src/digest/schedules.js";
import { readFulfilConfig } from "../src/config/fulfilConfig.js";
import { readSubscriptionConfig } from "../src/config/subscriptionConfig.js";
import {
  DEFAULT_TIME_ZONE,
  DEFAULT_TRACKER_URL,
  FOLLOW_TIME,
  FULFIL_DEADLINE_MS,
  SLACK_RESPONSE_URL_HOSTS,
  TRACKER_CACHE_SECONDS,
  TRACKER_KIND,
  TRACKER_SELECTORS,
  TRACKER_URL,
} from "../src/config/registry.js";
import { SLACK_BOT_TOKEN_PARAMETER, SLACK_WEBHOOK_PARAMETER } from "../src/runtimes/lambda/lambdaSettings.js";

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
  /**
   * SSM SecureString holding the incoming webhook URL for truck lists (a fixed channel; needs the
   * incoming-webhook scope). The worker reads it at run time: the URL is never in the template.
   */
  webhookParameter?: string;
  /**
   * Only when webhookParameter or a digest's webhook parameter is encrypted with a customer
   * managed KMS key (aws/ssm needs no grant): the worker may decrypt with it, through SSM only.
   */
  webhookKmsKeyArn?: string;
  /**
   * Executions reserved for the receiver, so a busy worker or another function in the account can
   * never leave Slack's commands unanswered. Off by default: see the stack.
   */
  receiverReservedConcurrency?: number;
  /**
   * SSM SecureString holding the app's bot token (xoxb-…): turns on channel digests and follows set
   * up from Slack (their table, a minute tick, an alarm on a refused token). The worker reads it at
   * run time; the token is never in the template.
   */
  botTokenParameter?: string;
  /** DEFAULT_TIME_ZONE and FOLLOW_TIME for the worker; its defaults when unset. */
  defaultTimeZone?: string;
  followTime?: string;
  /**
   * The Slack app's Client ID: turns on installs from "Add to Slack" (OAuth v2) for many
   * workspaces (the installations table, the receiver's install routes). Needs
   * clientSecretParameter and publicUrl.
   */
  slackClientId?: string;
  /** SSM SecureString holding the Slack app's Client Secret; read by the receiver at run time. */
  clientSecretParameter?: string;
  /** SLACKTRUX_PUBLIC_URL: where people reach slacktrux (the stack's PublicUrl output, or your own domain). */
  publicUrl?: string;
  /** Who is emailed when an alarm fires; without it the alarms show in the console only. */
  alarmEmail?: string;
  /** Daily digests (context `digests`, DIGESTS's format), posted by the minute's tick. Webhooks only by SSM parameter. */
  digests: DigestSchedule[];
  /** The same entries as JSON text, for the worker's DIGESTS. */
  digestsJson?: string;
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
  "webhookParameter",
  "webhookKmsKeyArn",
  "alarmEmail",
  "botTokenParameter",
  "defaultTimeZone",
  "followTime",
  "slackClientId",
  "clientSecretParameter",
  "publicUrl",
] as const;

/** An SSM parameter name, with or without its leading slash. */
const PARAMETER_NAME = /^[a-zA-Z0-9_.\-/]+$/;

/** `context` is how the app reads one CDK context value (`app.node.tryGetContext`). */
export function readSettings(context: (key: string) => unknown): SlacktruxSettings {
  // Refused whatever its value, which is never echoed: a URL given here would sit in plain text in
  // the template and in the worker's environment, where anyone who may read either could post.
  if (context("webhookUrl") !== undefined && context("webhookUrl") !== null) {
    throw new ConfigError(
      "invalid CDK context: webhookUrl is no longer accepted, as it would sit in plain text in the template and the worker's environment. Store the URL as an SSM SecureString and give its name as webhookParameter",
    );
  }
  const text = (key: keyof SlacktruxSettings): string | undefined => {
    const value = context(key);
    // `-c key=value` gives strings; cdk.json may give numbers.
    if (value === undefined || value === null) return undefined;
    return (typeof value === "string" ? value : JSON.stringify(value)).trim() || undefined;
  };
  const settings: GivenSettings = {
    signingSecretParameterName: text("signingSecretParameterName") ?? DEFAULT_SETTINGS.signingSecretParameterName,
    responseUrlHosts: text("responseUrlHosts") ?? DEFAULT_SETTINGS.responseUrlHosts,
    trackerCacheSeconds: text("trackerCacheSeconds") ?? DEFAULT_SETTINGS.trackerCacheSeconds,
    fulfilDeadlineMs: text("fulfilDeadlineMs") ?? DEFAULT_SETTINGS.fulfilDeadlineMs,
    digests: readDigestSettings(context("digests")),
  };
  if (settings.digests.length > 0) settings.digestsJson = digestsText(context("digests"));
  for (const key of OPTIONAL_KEYS) {
    const value = text(key);
    if (value !== undefined) settings[key] = value;
  }
  const concurrency = reservedConcurrency(text("receiverReservedConcurrency"));
  if (concurrency !== undefined) settings.receiverReservedConcurrency = concurrency;
  const selectors = trackerSelectorsText(context("trackerSelectors"));
  if (selectors !== undefined) settings.trackerSelectors = selectors;
  // Checked before trackerUrl's default is filled in, so a selectors tracker without its page is
  // refused by the worker's own rule rather than deployed pointing at Food Truck Fiesta's.
  checkSettings(settings);
  return { ...settings, trackerUrl: settings.trackerUrl ?? DEFAULT_SETTINGS.trackerUrl };
}

/** `-c receiverReservedConcurrency=5` gives a string, cdk.json may give a number: a whole number from 1 either way. */
function reservedConcurrency(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new ConfigError(
      "invalid CDK context: receiverReservedConcurrency must be a whole number of executions from 1, e.g. 5",
    );
  }
  return value;
}

/** `-c trackerSelectors='{…}'` gives JSON text, cdk.json may give the object itself: either way, JSON text for the worker. */
function trackerSelectorsText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.trim() || undefined;
}

/** DIGESTS for the worker: the entries as given, in JSON text. */
function digestsText(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(JSON.parse(value)) : JSON.stringify(value);
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
  if (!PARAMETER_NAME.test(settings.signingSecretParameterName)) {
    throw new ConfigError("signingSecretParameterName must be an SSM parameter name such as /slacktrux/signing-secret");
  }
  if (settings.botTokenParameter !== undefined && !PARAMETER_NAME.test(settings.botTokenParameter)) {
    throw new ConfigError(
      "invalid CDK context: botTokenParameter must be an SSM parameter name such as /slacktrux/bot-token",
    );
  }
  if (settings.slackClientId !== undefined) {
    if (settings.clientSecretParameter === undefined || !PARAMETER_NAME.test(settings.clientSecretParameter)) {
      throw new ConfigError(
        "invalid CDK context: with slackClientId set, clientSecretParameter must name the SSM SecureString holding your Slack app's Client Secret, such as /slacktrux/client-secret",
      );
    }
    if (settings.publicUrl === undefined || !/^https:\/\/[^/\s]+/i.test(settings.publicUrl)) {
      throw new ConfigError(
        "invalid CDK context: with slackClientId set, publicUrl must be the https URL people reach slacktrux at (the stack's PublicUrl output after a first deploy, or your own domain)",
      );
    }
  }
  if (settings.webhookParameter !== undefined && !PARAMETER_NAME.test(settings.webhookParameter)) {
    throw new ConfigError(
      "invalid CDK context: webhookParameter must be an SSM parameter name such as /slacktrux/webhook",
    );
  }
  for (const key of ["signingSecretKmsKeyArn", "webhookKmsKeyArn"] as const) {
    const arn = settings[key];
    if (arn !== undefined && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[a-zA-Z0-9-]+$/.test(arn)) {
      // Not an alias's ARN either: an IAM grant on kms:Decrypt names the key itself.
      throw new ConfigError(
        `invalid CDK context: ${key} must be a KMS key's ARN such as arn:aws:kms:us-east-1:111122223333:key/1234abcd-…`,
      );
    }
  }
  // A key with nothing to decrypt is a typo somewhere: say so rather than grant it for nothing.
  if (
    settings.webhookKmsKeyArn !== undefined &&
    settings.webhookParameter === undefined &&
    settings.digests.length === 0
  ) {
    throw new ConfigError(
      "invalid CDK context: webhookKmsKeyArn is set, but no webhookParameter or digest's webhookParameter is: set one, or drop the key",
    );
  }
  // A file path works on a laptop, not inside a function.
  if (settings.trackerUrl !== undefined && !/^https?:\/\//i.test(settings.trackerUrl))
    throw new ConfigError("trackerUrl must be an http(s) URL");
  try {
    readFulfilConfig(workerSettingsEnvironment(settings));
    readSubscriptionConfig(workerSettingsEnvironment(settings));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The worker's message names its variable; the admin typed the context key.
    let message = error.message;
    for (const [variable, key] of Object.entries(CONTEXT_KEY_OF_VARIABLE)) message = message.replaceAll(variable, key);
    throw new ConfigError(`invalid CDK context: ${message}`);
  }
}

const CONTEXT_KEY_OF_VARIABLE = {
  [TRACKER_URL.name]: "trackerUrl",
  [TRACKER_KIND.name]: "trackerKind",
  [TRACKER_SELECTORS.name]: "trackerSelectors",
  [SLACK_RESPONSE_URL_HOSTS.name]: "responseUrlHosts",
  [TRACKER_CACHE_SECONDS.name]: "trackerCacheSeconds",
  [FULFIL_DEADLINE_MS.name]: "fulfilDeadlineMs",
  [SLACK_WEBHOOK_PARAMETER.name]: "webhookParameter",
  [DEFAULT_TIME_ZONE.name]: "defaultTimeZone",
  [FOLLOW_TIME.name]: "followTime",
};

/**
 * What the receiver reads to answer the Home's modals: the tracker (options, checks), where new
 * daily posts and follows are kept and when (the worker's own values), and the bot token's parameter.
 */
export function receiverHomeEnvironment(settings: SlacktruxSettings): Record<string, string> {
  const worker = workerSettingsEnvironment(settings);
  const names = [
    TRACKER_URL,
    TRACKER_KIND,
    TRACKER_SELECTORS,
    TRACKER_CACHE_SECONDS,
    DEFAULT_TIME_ZONE,
    FOLLOW_TIME,
    SLACK_BOT_TOKEN_PARAMETER,
  ].map((setting) => setting.name);
  return Object.fromEntries(Object.entries(worker).filter(([name]) => names.includes(name)));
}

/** The worker's environment variables that come from settings (the stack adds the table name). */
export function workerSettingsEnvironment(settings: GivenSettings): Record<string, string> {
  return {
    // Absent only while readSettings checks settings as given: then the worker's own default applies.
    ...(settings.trackerUrl ? { [TRACKER_URL.name]: settings.trackerUrl } : {}),
    ...(settings.trackerKind ? { [TRACKER_KIND.name]: settings.trackerKind } : {}),
    ...(settings.trackerSelectors ? { [TRACKER_SELECTORS.name]: settings.trackerSelectors } : {}),
    [SLACK_RESPONSE_URL_HOSTS.name]: settings.responseUrlHosts,
    [TRACKER_CACHE_SECONDS.name]: settings.trackerCacheSeconds,
    [FULFIL_DEADLINE_MS.name]: settings.fulfilDeadlineMs,
    // The parameter's name, never the URL: the worker reads the SecureString at run time.
    ...(settings.webhookParameter ? { [SLACK_WEBHOOK_PARAMETER.name]: settings.webhookParameter } : {}),
    // The parameter's name, never the token.
    ...(settings.botTokenParameter ? { [SLACK_BOT_TOKEN_PARAMETER.name]: settings.botTokenParameter } : {}),
    ...(settings.defaultTimeZone ? { [DEFAULT_TIME_ZONE.name]: settings.defaultTimeZone } : {}),
    ...(settings.followTime ? { [FOLLOW_TIME.name]: settings.followTime } : {}),
  };
}
