import { describe, expect, it } from "vitest";
import { interpretCommandText } from "./commandText.js";

describe("interpretCommandText", () => {
  it.each(["help", "-h", "--help", "?", "HELP", "  Help  ", "--HELP"])("%j asks for help", (text) => {
    expect(interpretCommandText(text)).toEqual({ kind: "help" });
  });

  it.each(["list", "places", "all", "LIST", " Places ", "All"])("%j asks for the list of places", (text) => {
    expect(interpretCommandText(text)).toEqual({ kind: "list" });
  });

  it.each(["", "   ", "\t"])("%j is the default request", (text) => {
    expect(interpretCommandText(text)).toEqual({ kind: "default" });
  });

  it.each(["settings", " Settings "])("%j asks for the settings modal", (text) => {
    expect(interpretCommandText(text)).toEqual({ kind: "settings" });
  });

  it("treats anything else as place names, trimmed but otherwise as typed", () => {
    expect(interpretCommandText("farragut")).toEqual({ kind: "places", query: "farragut" });
    expect(interpretCommandText("  Farragut, Franklin  ")).toEqual({ kind: "places", query: "Farragut, Franklin" });
    expect(interpretCommandText("help me")).toEqual({ kind: "places", query: "help me" });
    expect(interpretCommandText("list all")).toEqual({ kind: "places", query: "list all" });
    expect(interpretCommandText("all places")).toEqual({ kind: "places", query: "all places" });
  });

  it("reads `daily HH:MM [days] [zone] places…`, days and zone in either order", () => {
    expect(interpretCommandText("daily 11:30 farragut, franklin")).toEqual({
      kind: "daily-add",
      time: "11:30",
      places: "farragut, franklin",
    });
    expect(interpretCommandText("Daily 9:05 mon,wed,fri America/Chicago noma")).toEqual({
      kind: "daily-add",
      time: "09:05",
      days: ["mon", "wed", "fri"],
      timeZone: "America/Chicago",
      places: "noma",
    });
    expect(interpretCommandText("daily 1:30 pm UTC every day union station")).toEqual({
      kind: "daily-add",
      time: "13:30",
      days: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
      timeZone: "UTC",
      places: "union station",
    });
    expect(interpretCommandText("daily 12:00 weekends rosslyn")).toMatchObject({ days: ["sun", "sat"] });
    // Saved in the zone's canonical spelling, as typed in any case.
    expect(interpretCommandText("daily 11:30 america/new_york farragut")).toMatchObject({
      timeZone: "America/New_York",
    });
    expect(interpretCommandText("daily 11:30 utc farragut")).toMatchObject({ timeZone: "UTC" });
    expect(interpretCommandText("daily")).toEqual({ kind: "daily-list" });
    expect(interpretCommandText("daily off")).toEqual({ kind: "daily-off" });
  });

  it.each([
    ["daily 25:00 farragut", /Start with a time/],
    ["daily noon farragut", /Start with a time/],
    ["daily 11:30", /Which places/],
    ["daily 11:30 Mars/Olympus farragut", /not a time zone I know/],
    ["follow", /Which truck/],
    ["unfollow", /Which truck/],
  ])("answers %j with what is wrong (phase 1, nothing handed off)", (text, problem) => {
    const asked = interpretCommandText(text);
    expect(asked.kind).toBe("usage");
    expect(asked.kind === "usage" && asked.problem).toMatch(problem);
  });

  it("reads follows", () => {
    expect(interpretCommandText("follow sol mexican")).toEqual({ kind: "follow", truck: "sol mexican" });
    expect(interpretCommandText("unfollow Sol")).toEqual({ kind: "unfollow", truck: "Sol" });
    expect(interpretCommandText("following")).toEqual({ kind: "following" });
  });
});
