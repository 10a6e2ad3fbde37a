// DIGESTS: the daily digests, as a JSON list, e.g.
//   [{"name": "lunch", "time": "11:30", "days": "MON-FRI", "timeZone": "America/New_York",
//     "places": ["farragut", "franklin"], "webhookSecret": "/slacktrux/digest-webhook"}]
// Checked as a whole before anything is scheduled; an error names the entry and key at fault
// ("DIGESTS[1].time …") and never a value: webhook URLs are secrets.
import { ConfigError } from "../config/env.js";
import { DEFAULT_TIME_ZONE } from "../config/registry.js";
import { read24HourTime } from "../subscriptions/schedule.js";
import { objectWithKeys, readDigestTarget, type DigestJob } from "./digestJob.js";

export interface DigestSchedule {
  /** Unique among the digests: names its schedule and its log lines. */
  name: string;
  hour: number;
  minute: number;
  /** Days of the week in cron's form: "MON-FRI", "MON,WED,FRI", or "*" for every day. */
  days: string;
  timeZone: string;
  /** What the schedule hands the worker. */
  job: DigestJob;
}

const DEFAULT_DIGEST_DAYS = "MON-FRI";

export interface ReadDigestsOptions {
  /** How errors name the setting: DIGESTS, or the CDK context key. */
  source?: string;
  /**
   * Whether an entry may carry the webhook URL itself. On AWS it may not: a schedule's input is
   * stored and shown in plain text, so the URL must live in an SSM SecureString instead.
   */
  webhookUrlAllowed?: boolean;
  /** An entry's zone when it names none: DEFAULT_TIME_ZONE. */
  defaultTimeZone?: string;
}

const KEYS = ["name", "time", "days", "timeZone", "places", "webhookUrl", "webhookParameter", "webhookSecret"] as const;
const DAY = "(SUN|MON|TUE|WED|THU|FRI|SAT)";
const DAYS = new RegExp(`^${DAY}(-${DAY})?(,${DAY}(-${DAY})?)*$`);

/** `value` is the JSON text (an environment variable, `-c digests=…`) or the list itself (cdk.json). */
export function readDigests(value: unknown, options: ReadDigestsOptions = {}): DigestSchedule[] {
  const { source = "DIGESTS", webhookUrlAllowed = true, defaultTimeZone = DEFAULT_TIME_ZONE.read({}) } = options;
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) return [];
  let list: unknown = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      throw new ConfigError(
        `${source} must be JSON: a list of {"time": "11:30", "places": […], "webhookSecret" or "webhookUrl": …}`,
      );
    }
  }
  if (!Array.isArray(list)) throw new ConfigError(`${source} must be a JSON list of digests`);

  const schedules = list.map((entry, index) =>
    readEntry(entry, { where: `${source}[${index}]`, index, webhookUrlAllowed, defaultTimeZone }),
  );
  schedules.forEach((schedule, index) => {
    if (schedules.findIndex((other) => other.name === schedule.name) !== index) {
      throw new ConfigError(`${source}[${index}].name is used by an earlier digest: each needs its own`);
    }
  });
  return schedules;
}

interface EntryContext {
  /** The entry's place in the setting, for errors: `DIGESTS[2]`. */
  where: string;
  index: number;
  webhookUrlAllowed: boolean;
  defaultTimeZone: string;
}

function readEntry(entry: unknown, context: EntryContext): DigestSchedule {
  const { where, index, webhookUrlAllowed, defaultTimeZone } = context;
  const fields = objectWithKeys(entry, where, KEYS);
  if (!webhookUrlAllowed && fields.webhookUrl !== undefined) {
    throw new ConfigError(
      `${where}.webhookUrl cannot be used here: a schedule keeps its input in plain text. Keep the URL as a secret and give its name as webhookSecret`,
    );
  }
  const time = typeof fields.time === "string" ? read24HourTime(fields.time)?.split(":") : undefined;
  if (!time) throw new ConfigError(`${where}.time must be a 24-hour "HH:MM", e.g. "11:30"`);
  const days =
    fields.days === undefined
      ? DEFAULT_DIGEST_DAYS
      : typeof fields.days === "string"
        ? fields.days.trim().toUpperCase()
        : "";
  if (days !== "*" && !DAYS.test(days)) {
    throw new ConfigError(`${where}.days must be days of the week such as "MON-FRI", "MON,WED,FRI" or "*" (every day)`);
  }
  const target = readDigestTarget({ ...fields, timeZone: fields.timeZone ?? defaultTimeZone }, where);
  const name = target.name ?? `digest-${index + 1}`;
  return {
    name,
    hour: Number(time[0]),
    minute: Number(time[1]),
    days,
    timeZone: target.timeZone!,
    job: { kind: "digest", ...target, name },
  };
}

/** EventBridge Scheduler's cron: minutes hours day-of-month month day-of-week year. */
export function cronExpression(schedule: DigestSchedule): string {
  return `cron(${schedule.minute} ${schedule.hour} ? * ${schedule.days} *)`;
}
