import { describe, expect, it } from "vitest";
import { describeDays, isDue, localClock, readDays, readTime } from "./schedule.js";
import type { ChannelDigest } from "./subscription.js";

const digest = (time: string, timeZone = "America/New_York"): ChannelDigest => ({
  kind: "digest",
  id: "d1",
  teamId: "T1",
  channelId: "C1",
  places: ["DC - Farragut Square"],
  time,
  timeZone,
  days: ["mon", "tue", "wed", "thu", "fri"],
  createdBy: "U1",
  createdAt: "2026-12-01T00:00:00.000Z",
});

describe("a subscription's schedule", () => {
  it("reads times in 24-hour and am/pm forms", () => {
    expect(["11:30", "9:05", "11:30am", "1:30 PM", "12:00am", "12:15pm"].map(readTime)).toEqual([
      "11:30",
      "09:05",
      "11:30",
      "13:30",
      "00:00",
      "12:15",
    ]);
    expect(["24:00", "11:60", "13:00pm", "noon", "11"].map(readTime)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("reads day sets, and says them back", () => {
    expect(readDays("mon-wed,fri")).toEqual(["mon", "tue", "wed", "fri"]);
    expect(readDays("fri-mon")).toEqual(["sun", "mon", "fri", "sat"]);
    expect(readDays("farragut")).toBeUndefined();
    expect(describeDays(readDays("weekdays")!)).toBe("weekdays");
    expect(describeDays(readDays("daily")!)).toBe("every day");
    expect(describeDays(readDays("mon,wed")!)).toBe("Mon, Wed");
  });

  it("is due at its local time on its days, across a daylight-saving change", () => {
    // 11:30 in New York is 16:30Z in winter (EST) and 15:30Z in summer (EDT).
    expect(isDue(digest("11:30"), new Date("2026-12-02T16:30:00Z"))).toBe(true);
    expect(isDue(digest("11:30"), new Date("2026-07-01T15:30:45Z"))).toBe(true);
    expect(isDue(digest("11:30"), new Date("2026-07-01T16:30:00Z"))).toBe(false);
    // Saturday.
    expect(isDue(digest("11:30"), new Date("2026-12-05T16:30:00Z"))).toBe(false);
    expect(isDue(digest("16:30", "UTC"), new Date("2026-12-02T16:30:00Z"))).toBe(true);
  });

  it("keys a run by the local date, which differs from UTC's near midnight", () => {
    expect(localClock(new Date("2026-12-03T02:00:00Z"), "America/Los_Angeles")).toEqual({
      date: "2026-12-02",
      time: "18:00",
      weekday: "wed",
    });
  });
});
