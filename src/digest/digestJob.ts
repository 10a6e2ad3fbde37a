// A scheduled digest as phase 2 receives it: EventBridge Scheduler's input on AWS, built from a
// `slacktrux digest` command line locally. Checked field by field, because on AWS it arrives as
// an event like any other; errors name the field at fault, never its value (a webhook URL is a
// secret).
import { ConfigError } from "../config/env.js";
import { isWebhookUrl } from "../slack/responseUrlPolicy.js";
import { MAX_PLACES_PER_DIGEST } from "../subscriptions/subscription.js";

export interface DigestJob {
  kind: "digest";
  /** Names the digest in logs. */
  name?: string;
  /** What to look up, each as a person would type it after /foodtrucks ("farragut"). */
  places: string[];
  /**
   * Exactly one of these: the incoming webhook's URL (a secret), or the name of the secret holding
   * it, read where the runtime keeps secrets (an SSM SecureString on AWS, a Worker secret on
   * Cloudflare, an environment variable locally). `webhookParameter`, its older name, is read as it.
   */
  webhookUrl?: string;
  webhookSecret?: string;
  /** IANA time zone for the times shown; default America/New_York, the DC tracker's. */
  timeZone?: string;
  /**
   * When its schedule fired (ISO 8601, e.g. 2025-03-03T16:30:00Z): EventBridge Scheduler fills it
   * in, the same for every delivery of one run, so the worker posts each run once. Absent locally.
   */
  scheduledTime?: string;
}

const MAX_PLACE_CHARS = 200;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A secret's name where every runtime can keep it: letters, digits, . - _ and / (a parameter path). */
const SECRET_NAME = /^[A-Za-z0-9_.\-/]{1,1011}$/;
/** ISO 8601 date and time, as EventBridge Scheduler writes it (2022-03-22T18:59:43Z), a little more leniently. */
const SCHEDULED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_SCHEDULED_TIME_CHARS = 40;

/** Only the discriminator: a receiver's FulfilJob has no `kind`, a digest says so. */
export function isDigestJob(event: unknown): boolean {
  return typeof event === "object" && event !== null && (event as { kind?: unknown }).kind === "digest";
}

/** A digest job from an event, checked; `where` names it in errors. */
export function readDigestJob(event: unknown, where = "digest job"): DigestJob {
  const fields = objectWithKeys(event, where, [
    "kind",
    "name",
    "places",
    "webhookUrl",
    "webhookParameter",
    "webhookSecret",
    "timeZone",
    "scheduledTime",
  ]);
  if (fields.kind !== "digest") throw new ConfigError(`${where}.kind must be "digest"`);
  const { scheduledTime } = fields;
  if (scheduledTime !== undefined && !isScheduledTime(scheduledTime)) {
    throw new ConfigError(`${where}.scheduledTime must be an ISO 8601 date and time such as 2025-03-03T16:30:00Z`);
  }
  return {
    kind: "digest",
    ...readDigestTarget(fields, where),
    ...(scheduledTime !== undefined ? { scheduledTime } : {}),
  };
}

function isScheduledTime(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length <= MAX_SCHEDULED_TIME_CHARS &&
    SCHEDULED_TIME.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** The fields a DIGESTS entry and a digest job share: what to post, and where. */
export function readDigestTarget(fields: Record<string, unknown>, where: string): Omit<DigestJob, "kind"> {
  const { name, places, webhookUrl, timeZone } = fields;
  if (fields.webhookParameter !== undefined && fields.webhookSecret !== undefined) {
    throw new ConfigError(
      `${where} needs exactly one of webhookUrl and webhookSecret (webhookParameter is its older name)`,
    );
  }
  const webhookSecret = fields.webhookSecret ?? fields.webhookParameter;
  if (name !== undefined && (typeof name !== "string" || !NAME.test(name))) {
    throw new ConfigError(`${where}.name must be 1 to 64 letters, digits, - or _, starting with a letter or digit`);
  }
  if (
    !Array.isArray(places) ||
    places.length === 0 ||
    places.length > MAX_PLACES_PER_DIGEST ||
    !places.every((place) => typeof place === "string" && place.trim() !== "" && place.length <= MAX_PLACE_CHARS)
  ) {
    throw new ConfigError(
      `${where}.places must be a list of 1 to ${MAX_PLACES_PER_DIGEST} place names, e.g. ["farragut", "franklin"]`,
    );
  }
  if ([webhookUrl, webhookSecret].filter((given) => given !== undefined).length !== 1) {
    throw new ConfigError(`${where} needs exactly one of webhookUrl and webhookSecret`);
  }
  if (webhookUrl !== undefined && (typeof webhookUrl !== "string" || !isWebhookUrl(webhookUrl))) {
    throw new ConfigError(
      `${where}.webhookUrl must be an https URL (http only on loopback), e.g. https://hooks.slack.com/services/…`,
    );
  }
  if (webhookSecret !== undefined && (typeof webhookSecret !== "string" || !SECRET_NAME.test(webhookSecret))) {
    throw new ConfigError(
      `${where}.webhookSecret must be a secret's name such as LUNCH_WEBHOOK_URL or /slacktrux/lunch-webhook`,
    );
  }
  if (timeZone !== undefined && (typeof timeZone !== "string" || !isTimeZone(timeZone))) {
    throw new ConfigError(`${where}.timeZone must be an IANA time zone such as America/New_York`);
  }
  return {
    ...(name !== undefined ? { name } : {}),
    places: (places as string[]).map((place) => place.trim()),
    ...(webhookUrl !== undefined ? { webhookUrl: webhookUrl } : {}),
    ...(webhookSecret !== undefined ? { webhookSecret: webhookSecret } : {}),
    ...(timeZone !== undefined ? { timeZone: timeZone } : {}),
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.trim() !== "";
  } catch {
    return false;
  }
}

/** `value` as an object with no keys but `known`; the first unknown key is named (keys are not secrets). */
export function objectWithKeys(value: unknown, where: string, known: readonly string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ConfigError(`${where} must be a JSON object`);
  const unknownKey = Object.keys(value).find((key) => !known.includes(key));
  if (unknownKey !== undefined)
    throw new ConfigError(`${where} has an unknown key "${unknownKey.slice(0, 40)}" (known: ${known.join(", ")})`);
  return value as Record<string, unknown>;
}
