import { describe, expect, it } from "vitest";
import { canonicalTimeZone, describeDays, isDue, localClock, readDays, readTime, WORKDAYS } from "./schedule.js";
import type { ChannelDigest, Weekday } from "./subscription.js";

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

describe("reading a time", () => {
  it("reads every 24-hour time, the afternoon and the last hour included", () => {
    expect(["0:00", "00:00", "7:45", "12:00", "13:00", "17:30", "22:59", "23:00", "23:59"].map(readTime)).toEqual([
      "00:00",
      "00:00",
      "07:45",
      "12:00",
      "13:00",
      "17:30",
      "22:59",
      "23:00",
      "23:59",
    ]);
  });

  it("reads am and pm in either case, spaced or not, around noon and midnight", () => {
    expect(["1:05am", "1:05 AM", "11:59 pm", "12:30am", "12:30 Pm", "10:00PM"].map(readTime)).toEqual([
      "01:05",
      "01:05",
      "23:59",
      "00:30",
      "12:30",
      "22:00",
    ]);
  });

  it("ignores spaces around the time", () => {
    expect(readTime("  9:15 ")).toBe("09:15");
    expect(readTime("\t1:30 pm\n")).toBe("13:30");
  });

  it("refuses what is not a time of day", () => {
    for (const text of ["", "0:00am", "0:30 pm", "13:00 am", "25:00", "99:00", "123:00", "11:5", "11:075"]) {
      expect(readTime(text), text).toBeUndefined();
    }
    for (const text of ["at 11:30", "11:30 tomorrow", "11:30 am!", "11.30", "11:30 a.m."]) {
      expect(readTime(text), text).toBeUndefined();
    }
  });
});

describe("reading days", () => {
  const everyDay: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

  it("knows weekdays as Monday to Friday, the default of a digest or a follow", () => {
    expect(WORKDAYS).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(readDays("weekdays")).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(readDays("Workdays")).toEqual(["mon", "tue", "wed", "thu", "fri"]);
  });

  it("knows every day and the weekend by each of their names", () => {
    for (const word of ["every day", "everyday", "daily", "Every Day", " daily "]) {
      expect(readDays(word), word).toEqual(everyDay);
    }
    for (const word of ["weekends", "weekend", "WEEKEND"]) expect(readDays(word), word).toEqual(["sun", "sat"]);
  });

  it("knows each day by its short and long names", () => {
    const names: [string, string][] = [
      ["sun", "sun"],
      ["sunday", "sun"],
      ["mon", "mon"],
      ["monday", "mon"],
      ["tue", "tue"],
      ["tues", "tue"],
      ["tuesday", "tue"],
      ["wed", "wed"],
      ["wednesday", "wed"],
      ["thu", "thu"],
      ["thur", "thu"],
      ["thurs", "thu"],
      ["thursday", "thu"],
      ["fri", "fri"],
      ["friday", "fri"],
      ["sat", "sat"],
      ["saturday", "sat"],
    ];
    for (const [name, day] of names) expect(readDays(name), name).toEqual([day]);
  });

  it("reads lists and ranges with spaces and capitals, in week order, each day once", () => {
    expect(readDays("Fri, Mon , wed")).toEqual(["mon", "wed", "fri"]);
    expect(readDays("tuesday - thursday")).toEqual(["tue", "wed", "thu"]);
    expect(readDays("wed-wed")).toEqual(["wed"]);
    expect(readDays("sat-sun")).toEqual(["sun", "sat"]);
    expect(readDays("mon-wed,tue")).toEqual(["mon", "tue", "wed"]);
  });

  it("is undefined for anything else, so the words can be a place", () => {
    for (const text of ["", "mon,", "mon-", "-fri", "mon-tue-wed", "mon,farragut", "mo", "weekday"]) {
      expect(readDays(text), text).toBeUndefined();
    }
  });

  it("says each day set back in words", () => {
    expect(describeDays(["mon", "tue", "wed", "thu", "fri"])).toBe("weekdays");
    expect(describeDays(everyDay)).toBe("every day");
    expect(describeDays(["sun", "sat"])).toBe("weekends");
    expect(describeDays(["mon", "tue", "wed", "thu"])).toBe("Mon, Tue, Wed, Thu");
    expect(describeDays(["sat"])).toBe("Sat");
    expect(describeDays([])).toBe("");
  });
});

describe("a time zone", () => {
  it("is a name the platform knows, in its canonical spelling", () => {
    expect(canonicalTimeZone("America/Chicago")).toBe("America/Chicago");
    expect(canonicalTimeZone("america/new_york")).toBe("America/New_York");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeUndefined();
    expect(canonicalTimeZone("")).toBeUndefined();
  });

  it("gives each zone its own clock, however many zones are asked in turn", () => {
    const at = new Date("2026-12-02T16:30:00Z");
    expect(localClock(at, "Asia/Tokyo")).toEqual({ date: "2026-12-03", time: "01:30", weekday: "thu" });
    expect(localClock(at, "UTC")).toEqual({ date: "2026-12-02", time: "16:30", weekday: "wed" });
    expect(localClock(at, "Asia/Tokyo")).toEqual({ date: "2026-12-03", time: "01:30", weekday: "thu" });
  });

  it("runs a subscription only on the minute it names", () => {
    const subscription = digest("23:59", "UTC");
    expect(isDue(subscription, new Date("2026-12-02T23:59:59Z"))).toBe(true);
    expect(isDue(subscription, new Date("2026-12-02T23:58:59Z"))).toBe(false);
    expect(isDue(subscription, new Date("2026-12-03T00:00:00Z"))).toBe(false);
  });
});
