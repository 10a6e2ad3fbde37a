// DIGESTS as readDigests checks it: defaults, the cron it becomes, and errors that name the entry
// and key at fault without repeating a value (webhook URLs are secrets).
import { describe, expect, it } from "vitest";
import { ConfigError } from "../config/env.js";
import { cronExpression, readDigests } from "./schedules.js";
import { isDigestJob, readDigestJob } from "./digestJob.js";

const SECRET_URL = "https://hooks.slack.com/services/T0/B0/very-secret";

function configError(value: unknown, webhookUrlAllowed = true): string {
  try {
    readDigests(value, { webhookUrlAllowed });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain("very-secret");
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("readDigests", () => {
  it("reads nothing when DIGESTS is unset or empty", () => {
    expect(readDigests(undefined)).toEqual([]);
    expect(readDigests("  ")).toEqual([]);
    expect(readDigests("[]")).toEqual([]);
  });

  it("defaults to weekdays in the DC tracker's time zone, and names unnamed digests by position", () => {
    const [digest] = readDigests(JSON.stringify([{ time: "9:05", places: [" farragut "], webhookUrl: SECRET_URL }]));
    expect(digest).toEqual({
      name: "digest-1",
      hour: 9,
      minute: 5,
      days: "MON-FRI",
      timeZone: "America/New_York",
      job: {
        kind: "digest",
        name: "digest-1",
        places: ["farragut"],
        webhookUrl: SECRET_URL,
        timeZone: "America/New_York",
      },
    });
    expect(cronExpression(digest!)).toBe("cron(5 9 ? * MON-FRI *)");
  });

  it("takes days, a time zone and an SSM parameter, and a list as well as JSON text", () => {
    const entry = {
      name: "weekend",
      time: "23:59",
      days: "sat,sun",
      timeZone: "Europe/Paris",
      places: ["a", "b"],
      webhookSecret: "/slacktrux/digest-webhook",
    };
    const [digest] = readDigests([entry]);
    expect(digest).toMatchObject({
      name: "weekend",
      days: "SAT,SUN",
      timeZone: "Europe/Paris",
      job: { webhookSecret: "/slacktrux/digest-webhook" },
    });
    expect(cronExpression(digest!)).toBe("cron(59 23 ? * SAT,SUN *)");
    expect(cronExpression(readDigests([{ ...entry, days: "*" }])[0]!)).toBe("cron(59 23 ? * * *)");
    expect(cronExpression(readDigests([{ ...entry, days: "MON-WED,FRI" }])[0]!)).toBe("cron(59 23 ? * MON-WED,FRI *)");
  });

  const ok = { time: "11:30", places: ["farragut"], webhookSecret: "/p" };
  it.each([
    ["bad JSON", "[{time: 11:30}]", /^DIGESTS must be JSON/],
    ["not a list", JSON.stringify(ok), /^DIGESTS must be a JSON list of digests$/],
    ["an entry that is not an object", JSON.stringify(["11:30"]), /^DIGESTS\[0\] must be a JSON object$/],
    [
      "an unknown key",
      JSON.stringify([ok, { ...ok, schedule: "cron(…)" }]),
      /^DIGESTS\[1\] has an unknown key "schedule"/,
    ],
    ["a missing time", JSON.stringify([{ ...ok, time: undefined }]), /^DIGESTS\[0\]\.time must be a 24-hour "HH:MM"/],
    ["a 12-hour time", JSON.stringify([{ ...ok, time: "11:30am" }]), /^DIGESTS\[0\]\.time must be/],
    ["hour 24", JSON.stringify([{ ...ok, time: "24:00" }]), /^DIGESTS\[0\]\.time must be/],
    ["bad days", JSON.stringify([{ ...ok, days: "weekdays" }]), /^DIGESTS\[0\]\.days must be days of the week/],
    [
      "a bad time zone",
      JSON.stringify([{ ...ok, timeZone: "Mars/Olympus" }]),
      /^DIGESTS\[0\]\.timeZone must be an IANA time zone/,
    ],
    [
      "no places",
      JSON.stringify([{ ...ok, places: [] }]),
      /^DIGESTS\[0\]\.places must be a list of 1 to 10 place names/,
    ],
    ["a blank place", JSON.stringify([{ ...ok, places: ["farragut", " "] }]), /^DIGESTS\[0\]\.places must be/],
    ["places as text", JSON.stringify([{ ...ok, places: "farragut" }]), /^DIGESTS\[0\]\.places must be/],
    [
      "both webhooks",
      JSON.stringify([{ ...ok, webhookUrl: SECRET_URL }]),
      /^DIGESTS\[0\] needs exactly one of webhookUrl and webhookSecret$/,
    ],
    ["no webhook", JSON.stringify([{ ...ok, webhookSecret: undefined }]), /^DIGESTS\[0\] needs exactly one of/],
    [
      "an http webhook",
      JSON.stringify([{ ...ok, webhookSecret: undefined, webhookUrl: "http://hooks.slack.com/services/very-secret" }]),
      /^DIGESTS\[0\]\.webhookUrl must be an https URL/,
    ],
    [
      "a webhook with credentials",
      JSON.stringify([{ ...ok, webhookSecret: undefined, webhookUrl: "https://u:very-secret@hooks.slack.com/" }]),
      /^DIGESTS\[0\]\.webhookUrl must be/,
    ],
    [
      "a bad parameter name",
      JSON.stringify([{ ...ok, webhookSecret: "my secret!" }]),
      /^DIGESTS\[0\]\.webhookSecret must be a secret.s name/,
    ],
    ["a bad name", JSON.stringify([{ ...ok, name: "lunch time" }]), /^DIGESTS\[0\]\.name must be/],
    [
      "a repeated name",
      JSON.stringify([
        { ...ok, name: "lunch" },
        { ...ok, name: "lunch" },
      ]),
      /^DIGESTS\[1\]\.name is used by an earlier digest/,
    ],
  ])("refuses %s, naming the entry and key", (_what, value, message) => {
    expect(configError(value)).toMatch(message);
  });

  it("refuses a webhook URL where schedules would keep it in plain text, pointing to webhookSecret", () => {
    expect(configError([{ time: "11:30", places: ["farragut"], webhookUrl: SECRET_URL }], false)).toMatch(
      /^DIGESTS\[0\]\.webhookUrl cannot be used here: .* webhookSecret$/,
    );
  });

  it("names the webhook's secret as webhookSecret, the same on every runtime, and still reads webhookParameter", () => {
    const entry = { time: "11:30", places: ["farragut"], webhookSecret: "LUNCH_WEBHOOK_URL" };
    expect(readDigests([entry])[0]?.job).toMatchObject({ webhookSecret: "LUNCH_WEBHOOK_URL" });
    const older = { time: "11:30", places: ["farragut"], webhookParameter: "/slacktrux/lunch" };
    expect(readDigests([older])[0]?.job).toMatchObject({ webhookSecret: "/slacktrux/lunch" });
    expect(readDigests([older])[0]?.job).not.toHaveProperty("webhookParameter");
    expect(() => readDigests([{ ...entry, webhookParameter: "/p" }])).toThrow(
      /needs exactly one of webhookUrl and webhookSecret/,
    );
    expect(() => readDigests([{ ...entry, webhookSecret: "not a name" }])).toThrow(
      /^DIGESTS\[0\]\.webhookSecret must be a secret's name/,
    );
  });
});

describe("digest jobs", () => {
  it("are told from the receiver's jobs by their kind only", () => {
    expect(isDigestJob({ kind: "digest" })).toBe(true);
    expect(isDigestJob({ requestId: "r", asker: {}, request: { kind: "places", query: "farragut" } })).toBe(false);
    expect(isDigestJob(null)).toBe(false);
    expect(isDigestJob("digest")).toBe(false);
  });

  it("are checked like DIGESTS entries, naming the field", () => {
    expect(readDigestJob({ kind: "digest", places: ["farragut"], webhookSecret: "/p" })).toEqual({
      kind: "digest",
      places: ["farragut"],
      webhookSecret: "/p",
    });
    expect(() => readDigestJob({ kind: "digest", places: ["farragut"] })).toThrow(
      /^digest job needs exactly one of webhookUrl and webhookSecret$/,
    );
    expect(() => readDigestJob({ kind: "digest", places: ["farragut"], webhookSecret: "/p", time: "11:30" })).toThrow(
      /unknown key "time"/,
    );
  });

  it("may carry the time their schedule fired, as EventBridge Scheduler writes it, and nothing else there", () => {
    const job = { kind: "digest", places: ["farragut"], webhookSecret: "/p" };
    for (const scheduledTime of ["2022-03-22T18:59:43Z", "2025-03-03T16:30:00.000Z", "2025-03-03T11:30:00-05:00"]) {
      expect(readDigestJob({ ...job, scheduledTime })).toEqual({ ...job, scheduledTime });
    }
    for (const scheduledTime of [
      "<aws.scheduler.scheduled-time>",
      "2025-03-03",
      "2025-13-45T16:30:00Z",
      `2025-03-03T16:30:00.${"0".repeat(40)}Z`,
      1741019400,
      "",
    ]) {
      expect(() => readDigestJob({ ...job, scheduledTime })).toThrow(
        /^digest job\.scheduledTime must be an ISO 8601 date and time/,
      );
    }
  });

  it("cannot be given a scheduledTime in DIGESTS: Scheduler fills it in", () => {
    expect(
      configError([
        { time: "11:30", places: ["farragut"], webhookSecret: "/p", scheduledTime: "2022-03-22T18:59:43Z" },
      ]),
    ).toMatch(/unknown key "scheduledTime"/);
  });
});
