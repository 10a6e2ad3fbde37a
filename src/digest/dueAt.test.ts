import { describe, expect, it } from "vitest";
import { dueAt, scheduledMinute } from "./dueAt.js";
import { readDigests } from "./schedules.js";

const digests = readDigests([
  { name: "lunch", time: "11:30", places: ["farragut"], webhookUrl: "https://hooks.slack.com/services/x" },
  {
    name: "weekend",
    time: "11:30",
    days: "SAT-SUN",
    timeZone: "Europe/London",
    places: ["farragut"],
    webhookUrl: "https://hooks.slack.com/services/y",
  },
  {
    name: "wrap",
    time: "07:00",
    days: "FRI-MON",
    timeZone: "UTC",
    places: ["farragut"],
    webhookUrl: "https://hooks.slack.com/services/z",
  },
]);
const names = (instant: string) => dueAt(digests, new Date(instant)).map((digest) => digest.name);

describe("dueAt", () => {
  it("reads each digest's time on its own time zone's clock, daylight saving included", () => {
    // Monday 2025-03-03: New York is UTC-5; Monday 2025-06-02: UTC-4.
    expect(names("2025-03-03T16:30:00Z")).toEqual(["lunch"]);
    expect(names("2025-06-02T15:30:00Z")).toEqual(["lunch"]);
    expect(names("2025-06-02T16:30:00Z")).toEqual([]);
    expect(names("2025-03-03T16:31:00Z")).toEqual([]);
  });

  it("keeps to the digest's days, ranges that wrap past Saturday included", () => {
    // Saturday 2025-03-08, 11:30 in London (UTC+0 in March) and 06:30 in New York.
    expect(names("2025-03-08T11:30:00Z")).toEqual(["weekend"]);
    expect(names("2025-03-08T16:30:00Z")).toEqual([]); // lunch is MON-FRI
    expect(names("2025-03-10T07:00:00Z")).toEqual(["wrap"]); // Monday
    expect(names("2025-03-12T07:00:00Z")).toEqual([]); // Wednesday
  });

  it("names a run by its minute, whatever the second the cron fired", () => {
    expect(scheduledMinute(new Date("2025-03-03T16:30:02.345Z"))).toBe("2025-03-03T16:30:00Z");
  });
});
