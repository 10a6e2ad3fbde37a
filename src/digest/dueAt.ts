// Which digests are due at a given minute, for runtimes whose scheduler fires on a fixed UTC cron
// (Cloudflare's Cron Triggers) rather than one schedule per digest in its own time zone (AWS).
// A digest is due when the minute, read on its time zone's clock, is its time on one of its days.
import type { DigestSchedule } from "./schedules.js";

const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

export function dueAt(schedules: readonly DigestSchedule[], instant: Date): DigestSchedule[] {
  return schedules.filter((schedule) => {
    const clock = wallClock(instant, schedule.timeZone);
    return clock.hour === schedule.hour && clock.minute === schedule.minute && onDays(schedule.days, clock.weekday);
  });
}

/** The minute as a digest run's scheduledTime: the same for every firing of one minute's cron. */
export function scheduledMinute(instant: Date): string {
  return new Date(Math.floor(instant.getTime() / 60_000) * 60_000).toISOString().replace(/\.000Z$/, "Z");
}

function wallClock(instant: Date, timeZone: string): { hour: number; minute: number; weekday: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
    weekday: "short",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    hour: Number(part("hour")),
    minute: Number(part("minute")),
    weekday: WEEKDAYS.indexOf(part("weekday").toUpperCase() as (typeof WEEKDAYS)[number]),
  };
}

/** `days` as readDigests checked it: "*", or days and ranges such as "MON-WED,FRI". */
function onDays(days: string, weekday: number): boolean {
  if (days === "*") return true;
  return days.split(",").some((item) => {
    const [first, last = first] = item.split("-").map((day) => WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]));
    if (first === undefined || last === undefined) return false;
    // A range may wrap past Saturday ("FRI-MON").
    return first <= last ? weekday >= first && weekday <= last : weekday >= first || weekday <= last;
  });
}
