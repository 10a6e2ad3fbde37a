// When a subscription runs: the wall-clock time, days and zone people type ("11:30 mon,wed,fri
// America/Chicago"), and whether a given instant is that time there. Local time is recomputed for
// every instant, so a digest set for 11:30 stays at 11:30 across daylight-saving changes (a time
// skipped by a spring-forward change does not run that day; a repeated one runs once, by claim).
import { WEEKDAYS, type Subscription, type Weekday } from "./subscription.js";

/**
 * IANA zone names are checked with the platform's own time-zone data. The zone's canonical spelling (`america/new_york` → `America/New_York`, `utc` → `UTC`), or
 * undefined for no zone: what is saved, so the same zone typed twice is one zone to the tick.
 */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export const WORKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri"];
const EVERY_DAY: Weekday[] = [...WEEKDAYS];
const WEEKEND: Weekday[] = ["sun", "sat"];

/** The one rule for a 24-hour "H:MM" or "HH:MM" as settings give it (FOLLOW_TIME, DIGESTS): "HH:MM", or undefined. */
export function read24HourTime(text: string): string | undefined {
  return /^\d{1,2}:\d{2}$/.test(text.trim()) ? readTime(text) : undefined;
}

/** "11:30", "9:05", "11:30am", "1:30 pm" → "HH:MM" (24-hour), or undefined. */
export function readTime(text: string): string | undefined {
  const match = /^(\d{1,2}):([0-5]\d)\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const half = match[3]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === "pm" ? 12 : 0);
  }
  if (hour > 23) return undefined;
  return `${String(hour).padStart(2, "0")}:${match[2]!}`;
}

const DAY_NAMES: Record<string, Weekday> = {
  sun: "sun",
  sunday: "sun",
  mon: "mon",
  monday: "mon",
  tue: "tue",
  tues: "tue",
  tuesday: "tue",
  wed: "wed",
  wednesday: "wed",
  thu: "thu",
  thur: "thu",
  thurs: "thu",
  thursday: "thu",
  fri: "fri",
  friday: "fri",
  sat: "sat",
  saturday: "sat",
};

/**
 * A day set as typed: "weekdays", "every day" (or "daily", "everyday"), "weekends", or days and
 * ranges "mon,wed,fri", "mon-thu". Undefined when `text` is not one (it may be a place name).
 */
export function readDays(text: string): Weekday[] | undefined {
  const word = text.trim().toLowerCase();
  if (word === "weekdays" || word === "workdays") return WORKDAYS;
  if (word === "every day" || word === "everyday" || word === "daily") return EVERY_DAY;
  if (word === "weekends" || word === "weekend") return WEEKEND;
  const found = new Set<Weekday>();
  for (const part of word.split(",")) {
    const range = part.split("-").map((day) => DAY_NAMES[day.trim()]);
    if (range.length === 1 && range[0]) found.add(range[0]);
    else if (range.length === 2 && range[0] && range[1]) {
      const from = WEEKDAYS.indexOf(range[0]);
      const to = WEEKDAYS.indexOf(range[1]);
      for (let day = from; ; day = (day + 1) % 7) {
        found.add(WEEKDAYS[day]!);
        if (day === to) break;
      }
    } else return undefined;
  }
  return WEEKDAYS.filter((day) => found.has(day));
}

/** "weekdays", "every day", "weekends" or "Mon, Wed, Fri". */
export function describeDays(days: readonly Weekday[]): string {
  const set = days.join(",");
  if (set === WORKDAYS.join(",")) return "weekdays";
  if (set === EVERY_DAY.join(",")) return "every day";
  if (set === WEEKEND.join(",")) return "weekends";
  return days.map((day) => day[0]!.toUpperCase() + day.slice(1)).join(", ");
}

/** An instant as the wall clock in `timeZone` shows it. */
export interface LocalClock {
  /** "YYYY-MM-DD": keys a subscription's run, so it posts at most once that local day. */
  date: string;
  /** "HH:MM" (24-hour). */
  time: string;
  weekday: Weekday;
}

// One formatter per zone for the life of the process (they are costly to build).
const formats = new Map<string, Intl.DateTimeFormat>();

export function localClock(at: Date, timeZone: string): LocalClock {
  let format = formats.get(timeZone);
  // Stryker disable next-line ConditionalExpression: equivalent, a formatter built afresh reads the same parts (the cache only saves time)
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    // Stryker disable next-line CallExpression: equivalent, without the cache each call builds its own formatter
    formats.set(timeZone, format);
  }
  const part: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(at)) part[type] = value;
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    time: `${part.hour}:${part.minute}`,
    weekday: (part.weekday ?? "").toLowerCase().slice(0, 3) as Weekday,
  };
}

/** Whether the subscription runs at the minute `at` falls in. */
export function isDue(subscription: Subscription, at: Date): boolean {
  const clock = localClock(at, subscription.timeZone);
  return clock.time === subscription.time && subscription.days.includes(clock.weekday);
}
