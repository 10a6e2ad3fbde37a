// The tick in process: what it posts, where, and what a Slack failure does to a subscription.
import { describe, expect, it } from "vitest";
import { createMemoryClaimStore } from "../claims/claimStore.js";
import type { SlackMessage } from "../slack/blockKit.js";
import type { PostResult } from "../slack/webApi.js";
import type { Logger, LogFields } from "../observe/log.js";
import { noMetrics } from "../observe/metrics.js";
import { TrackerError } from "../trucks/trackerError.js";
import type { PlaceListing } from "../trucks/types.js";
import { createMemoryRefusedRunStore } from "./refusedRunStore.js";
import type { SubscriptionStore } from "./store.js";
import type { ChannelDigest, Subscription, TruckFollow } from "./subscription.js";
import { runTick, type TickDeps, type TrackerReading } from "./tick.js";

const EVERY_DAY = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
// 2026-12-02 is a Wednesday; 16:30Z is 11:30 in New York.
const AT_1130 = new Date("2026-12-02T16:30:00Z");
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

function digest(fields: Partial<ChannelDigest> = {}): ChannelDigest {
  return {
    kind: "digest",
    id: "d1",
    teamId: "T1",
    channelId: "C1",
    places: ["Farragut Square"],
    time: "11:30",
    timeZone: "America/New_York",
    days: [...EVERY_DAY],
    createdBy: "U_OWNER",
    createdAt: "2026-12-01T00:00:00Z",
    ...fields,
  };
}

function follow(fields: Partial<TruckFollow> = {}): TruckFollow {
  return {
    kind: "follow",
    id: "f1",
    teamId: "T1",
    userId: "U_FAN",
    truck: "Sol Mexican Grill",
    time: "11:30",
    timeZone: "America/New_York",
    days: [...EVERY_DAY],
    createdBy: "U_FAN",
    createdAt: "2026-12-01T00:00:00Z",
    ...fields,
  };
}

const LISTINGS: PlaceListing[] = [
  { place: "Farragut Square", trucks: [{ name: "Sol Mexican Grill", url: null }] },
  { place: "Metro Center", trucks: [{ name: "Dirty South Deli", url: null }] },
  { place: "Navy Yard", trucks: [] },
];

function memoryStore(subscriptions: Subscription[]): SubscriptionStore & { all: Subscription[] } {
  const store = {
    all: [...subscriptions],
    async add() {
      return "added" as const;
    },
    async digestsOf() {
      return [];
    },
    async followsOf() {
      return [];
    },
    async remove(teamId: string, ownerId: string, ids: readonly string[]) {
      const removed = store.all.filter(
        (s) => s.teamId === teamId && ids.includes(s.id) && (s.kind === "digest" ? s.channelId : s.userId) === ownerId,
      );
      store.all = store.all.filter((s) => !removed.includes(s));
      return removed;
    },
    async at(timeZone: string, time: string) {
      return store.all.filter((s) => s.timeZone === timeZone && s.time === time);
    },
    async timeZones() {
      return [...new Set(store.all.map((s) => s.timeZone))];
    },
  };
  return store;
}

interface Sent {
  teamId: string;
  channel: string;
  text: string;
}

function harness(
  subscriptions: Subscription[],
  options: { reading?: TrackerReading; answer?: (sent: Sent) => PostResult } = {},
) {
  const store = memoryStore(subscriptions);
  const sent: Sent[] = [];
  const lines: { level: string; message: string; fields: LogFields }[] = [];
  const log: Logger = {
    info: (message, fields = {}) => lines.push({ level: "info", message, fields }),
    warn: (message, fields = {}) => lines.push({ level: "warn", message, fields }),
    error: (message, fields = {}) => lines.push({ level: "error", message, fields }),
  };
  let reads = 0;
  const answer = { current: options.answer ?? ((): PostResult => ({ ok: true })) };
  const deps: TickDeps = {
    store,
    claims: createMemoryClaimStore(),
    refusedRuns: createMemoryRefusedRunStore(),
    readTracker: async () => {
      reads++;
      return (
        options.reading ?? {
          ok: true,
          snapshot: { listings: LISTINGS, sourceUrl: "https://tracker.test/", fetchedAt: new Date() },
        }
      );
    },
    post: async (teamId: string, channel: string, message: SlackMessage) => {
      const one = { teamId, channel, text: JSON.stringify(message) };
      sent.push(one);
      return answer.current(one);
    },
    log,
    metrics: noMetrics,
    deadlineMs: 10_000,
  };
  return { store, sent, lines, deps, answer, reads: () => reads };
}

describe("the tick, in process", () => {
  it("posts only the subscribed places' trucks to the channel, in its workspace, reading the tracker once", async () => {
    const t = harness([digest(), digest({ id: "d2", channelId: "C2", teamId: "T2", places: ["Metro Center"] })]);
    const result = await runTick(AT_1130, t.deps);
    expect(result.outcomes).toEqual({ posted: 2 });
    expect(t.reads()).toBe(1);
    const c1 = t.sent.find((s) => s.channel === "C1")!;
    expect(c1.teamId).toBe("T1");
    expect(c1.text).toContain("Sol Mexican Grill");
    expect(c1.text).not.toContain("Dirty South Deli");
    const c2 = t.sent.find((s) => s.channel === "C2")!;
    expect(c2.teamId).toBe("T2");
    expect(c2.text).toContain("Dirty South Deli");
    expect(c2.text).not.toContain("Sol Mexican Grill");
  });

  it("posts nothing before or after the subscription's minute, and reads no tracker then", async () => {
    const t = harness([digest()]);
    expect((await runTick(minutesAfter(AT_1130, -1), t.deps)).due).toBe(0);
    expect(t.sent).toEqual([]);
    expect(t.reads()).toBe(0);
  });

  it("DMs a follower where their truck is, and sends nothing when it is not out", async () => {
    const t = harness([follow(), follow({ id: "f2", userId: "U_OTHER", truck: "Absent Truck" })]);
    const result = await runTick(AT_1130, t.deps);
    expect(result.outcomes).toEqual({ posted: 1, "not-out": 1 });
    expect(t.sent.map((s) => s.channel)).toEqual(["U_FAN"]);
    expect(t.sent[0]!.text).toContain("Farragut Square");
  });

  it("says so when the digest's places have no trucks today", async () => {
    const t = harness([digest({ places: ["Navy Yard"] })]);
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ posted: 1 });
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]!.text).not.toContain("Sol Mexican Grill");
    expect(t.sent[0]!.text).toContain("Navy Yard");
    expect(t.sent[0]!.text).toContain("No trucks at");
    expect(t.sent[0]!.text).toContain("These places do have trucks");
  });

  it("lists the trucks when only some of the digest's places have none", async () => {
    const t = harness([digest({ places: ["Farragut Square", "Navy Yard"] })]);
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ posted: 1 });
    expect(t.sent[0]!.text).toContain("Sol Mexican Grill");
    expect(t.sent[0]!.text).not.toContain("No trucks at");
  });

  it("keeps a subscription Slack failed for now, and posts it on the next tick", async () => {
    const t = harness([digest()], { answer: () => ({ ok: false, kind: "failed", error: "ratelimited" }) });
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ failed: 1 });
    expect(t.store.all).toHaveLength(1);
    t.answer.current = () => ({ ok: true });
    expect((await runTick(minutesAfter(AT_1130, 1), t.deps)).outcomes).toEqual({ posted: 1 });
    const late = t.lines.find((line) => line.fields.outcome === "posted");
    expect(late?.fields.minutesLate).toBe(1);
    // Posted once: a third tick finds it done.
    await runTick(minutesAfter(AT_1130, 2), t.deps);
    expect(t.sent).toHaveLength(2);
  });

  it("stops a digest whose channel is gone and tells who set it up, once", async () => {
    const t = harness([digest()], {
      answer: (sent) =>
        sent.channel === "C1" ? { ok: false, kind: "gone", error: "channel_not_found" } : { ok: true },
    });
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ stopped: 1 });
    expect(t.store.all).toEqual([]);
    expect(t.sent.map((s) => s.channel)).toEqual(["C1", "U_OWNER"]);
    await runTick(minutesAfter(AT_1130, 1), t.deps);
    expect(t.sent).toHaveLength(2);
  });

  it("stops a follow whose user is gone without telling anyone", async () => {
    const t = harness([follow()], { answer: () => ({ ok: false, kind: "gone", error: "user_not_found" }) });
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ stopped: 1 });
    expect(t.store.all).toEqual([]);
    expect(t.sent).toHaveLength(1);
  });

  it("keeps a run refused for its token, loudly, and posts it the same day once the token works", async () => {
    const t = harness([digest()], { answer: () => ({ ok: false, kind: "auth", error: "invalid_auth" }) });
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ "auth-failed": 1 });
    expect(t.store.all).toHaveLength(1);
    expect(t.lines.some((line) => line.level === "error" && line.fields.reason === "invalid_auth")).toBe(true);
    expect((await runTick(minutesAfter(AT_1130, 5), t.deps)).outcomes).toEqual({ "auth-failed": 1 });
    t.answer.current = () => ({ ok: true });
    expect((await runTick(minutesAfter(AT_1130, 20), t.deps)).outcomes).toEqual({ posted: 1 });
    expect(t.sent).toHaveLength(3);
  });

  it("catches up a minute missed while down, and gives up, with a reason, on one too late", async () => {
    const t = harness([digest(), follow({ time: "10:30" })]);
    // Down from before 10:30 until 11:45: the digest is 15 minutes late, the follow 75.
    const at = minutesAfter(AT_1130, 15);
    await runTick(minutesAfter(AT_1130, -29), t.deps); // 11:01: the follow, 31 minutes late, is just out of reach
    const result = await runTick(at, t.deps);
    expect(result.outcomes).toEqual({ posted: 1 });
    expect(t.sent.map((s) => s.channel)).toEqual(["C1"]);
    const givenUp = t.lines.find((line) => line.fields.outcome === "given-up");
    expect(givenUp?.level).toBe("warn");
    expect(givenUp?.fields.reason).toBe("more than 30 minutes late");
  });

  it("does not post yesterday's run after midnight", async () => {
    const t = harness([digest({ time: "23:50" })]);
    // 00:05 in New York on Thursday; the run was due 23:50 on Wednesday.
    const result = await runTick(new Date("2026-12-03T05:05:00Z"), t.deps);
    expect(result.outcomes).toEqual({ "given-up": 1 });
    expect(t.sent).toEqual([]);
    expect(t.lines.find((line) => line.fields.outcome === "given-up")?.fields.reason).toBe("its day is over");
  });

  it("posts a digest with the tracker's problem when the tracker fails, and skips follows", async () => {
    const t = harness([digest(), follow()], {
      reading: { ok: false, kind: "unavailable", problem: "The tracker is down.", detail: "HTTP 503" },
    });
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ "tracker-problem": 2 });
    expect(t.sent.map((s) => s.channel)).toEqual(["C1"]);
    expect(t.sent[0]!.text).toContain("The tracker is down.");
  });

  it("counts one subscription's crash as failed and posts the others", async () => {
    const t = harness([digest(), digest({ id: "d2", channelId: "C2" })], {
      answer: (sent) => {
        if (sent.channel === "C1") throw new Error("store down");
        return { ok: true };
      },
    });
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ failed: 1, posted: 1 });
  });

  it("posts a run exactly 30 minutes late, and reports a run already posted only on its own minute", async () => {
    const t = harness([digest()]);
    const onTime = await runTick(AT_1130, t.deps);
    expect(onTime.outcomes).toEqual({ posted: 1 });
    const posted = t.lines.find((line) => line.fields.outcome === "posted");
    expect(posted?.fields).not.toHaveProperty("minutesLate");
    // The same minute again: a duplicate, said once; a later minute finds it done and says nothing.
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ duplicate: 1 });
    expect((await runTick(minutesAfter(AT_1130, 3), t.deps)).outcomes).toEqual({});
    expect(t.lines.filter((line) => line.fields.outcome === "duplicate")).toHaveLength(1);
    expect(t.sent).toHaveLength(1);

    const late = harness([digest()]);
    const result = await runTick(minutesAfter(AT_1130, 30), late.deps);
    expect(result.outcomes).toEqual({ posted: 1 });
    expect(late.lines.find((line) => line.fields.outcome === "posted")?.fields).toMatchObject({
      minutesLate: 30,
      dueAt: "2026-12-02T16:30:00.000Z",
    });
  });

  it("counts a refused token for the alarm, and says the tick's totals", async () => {
    const counted: string[] = [];
    const t = harness([digest(), follow()], { answer: () => ({ ok: false, kind: "auth", error: "token_revoked" }) });
    t.deps.metrics = { count: (name) => counted.push(name), milliseconds() {} };
    await runTick(AT_1130, t.deps);
    expect(counted).toHaveLength(2);
    const summary = t.lines.find((line) => line.message === "tick");
    expect(summary?.fields).toMatchObject({ due: 2, "auth-failed": 2 });
  });
});

describe("the tick's log lines, which operators read", () => {
  it("names the phase, subscription, kind and workspace of each run, and the tick's minute and totals", async () => {
    const t = harness([digest(), follow({ id: "f2", truck: "Absent Truck" })]);
    await runTick(new Date("2026-12-02T16:30:42Z"), t.deps);
    const posted = t.lines.find((line) => line.fields.outcome === "posted")!;
    expect(posted).toEqual({
      level: "info",
      message: "subscription",
      fields: { phase: "tick", subscription: "d1", kind: "digest", team: "T1", outcome: "posted" },
    });
    const notOut = t.lines.find((line) => line.fields.outcome === "not-out")!;
    expect(notOut).toEqual({
      level: "info",
      message: "subscription",
      fields: { phase: "tick", subscription: "f2", kind: "follow", team: "T1", outcome: "not-out" },
    });
    const summary = t.lines.find((line) => line.message === "tick")!;
    expect(summary).toEqual({
      level: "info",
      message: "tick",
      fields: { phase: "tick", minute: "2026-12-02T16:30:00.000Z", due: 2, posted: 1, "not-out": 1 },
    });
  });

  it("says a duplicate on its own minute with the run's fields", async () => {
    const t = harness([digest()]);
    await runTick(AT_1130, t.deps);
    await runTick(AT_1130, t.deps);
    expect(t.lines.find((line) => line.fields.outcome === "duplicate")).toEqual({
      level: "info",
      message: "subscription",
      fields: { phase: "tick", subscription: "d1", kind: "digest", team: "T1", outcome: "duplicate" },
    });
  });

  it("logs a failure for now as an error with Slack's reason, and counts no token alarm", async () => {
    const counted: string[] = [];
    const t = harness([digest()], { answer: () => ({ ok: false, kind: "failed", error: "ratelimited" }) });
    t.deps.metrics = { count: (name) => counted.push(name), milliseconds() {} };
    await runTick(AT_1130, t.deps);
    expect(counted).toEqual([]);
    expect(t.lines.filter((line) => line.level !== "info")).toEqual([
      {
        level: "error",
        message: "subscription",
        fields: {
          phase: "tick",
          subscription: "d1",
          kind: "digest",
          team: "T1",
          outcome: "failed",
          reason: "ratelimited",
        },
      },
    ]);
  });

  it("gives the transport's kind as the reason when Slack sent no error", async () => {
    const t = harness([digest()], { answer: () => ({ ok: false, kind: "failed", error: "" }) });
    await runTick(AT_1130, t.deps);
    expect(t.lines.find((line) => line.fields.outcome === "failed")?.fields.reason).toBe("failed");
  });

  it("logs a refused token as an error saying later ticks retry, and counts it under the alarm's name", async () => {
    const counted: string[] = [];
    const t = harness([follow()], { answer: () => ({ ok: false, kind: "auth", error: "invalid_auth" }) });
    t.deps.metrics = { count: (name) => counted.push(name), milliseconds() {} };
    await runTick(AT_1130, t.deps);
    expect(counted).toEqual(["SlackAuthErrors"]);
    const fields = { phase: "tick", subscription: "f1", kind: "follow", team: "T1" };
    expect(t.lines.filter((line) => line.level !== "info")).toEqual([
      {
        level: "error",
        message:
          "Slack refused the bot token (or there is none for this workspace): later ticks retry it until its day is over",
        fields: { ...fields, slackError: "invalid_auth", reason: "invalid_auth" },
      },
      {
        level: "error",
        message: "subscription",
        fields: { ...fields, outcome: "auth-failed", reason: "invalid_auth" },
      },
    ]);
  });

  it("warns that a gone channel's digest was stopped, tells its owner why, and warns when the owner cannot be told", async () => {
    const t = harness([digest()], { answer: () => ({ ok: false, kind: "gone", error: "channel_not_found" }) });
    await runTick(AT_1130, t.deps);
    expect(t.sent.map((s) => [s.teamId, s.channel])).toEqual([
      ["T1", "C1"],
      ["T1", "U_OWNER"],
    ]);
    expect(t.sent[1]!.text).toContain("the channel no longer exists");
    expect(t.sent[1]!.text).toContain("<#C1>");
    const fields = { phase: "tick", subscription: "d1", kind: "digest", team: "T1" };
    expect(t.lines.filter((line) => line.level !== "info")).toEqual([
      {
        level: "warn",
        message: "subscription stopped: Slack refused its destination",
        fields: { ...fields, slackError: "channel_not_found", reason: "channel_not_found" },
      },
      {
        level: "warn",
        message: "could not tell the owner of a stopped subscription",
        fields: { ...fields, slackError: "channel_not_found", reason: "channel_not_found" },
      },
    ]);
    expect(t.lines.find((line) => line.fields.outcome === "stopped")).toEqual({
      level: "info",
      message: "subscription",
      fields: { ...fields, outcome: "stopped" },
    });
  });

  it("says nothing more when the owner of a stopped digest was told", async () => {
    const t = harness([digest()], {
      answer: (sent) => (sent.channel === "C1" ? { ok: false, kind: "gone", error: "is_archived" } : { ok: true }),
    });
    await runTick(AT_1130, t.deps);
    expect(t.lines.map((line) => line.message)).toEqual([
      "subscription stopped: Slack refused its destination",
      "subscription",
      "tick",
    ]);
  });

  it("logs a crashed subscription as an error naming it and the failure", async () => {
    const t = harness([digest()], {
      answer: () => {
        throw new TypeError("store down");
      },
    });
    await runTick(AT_1130, t.deps);
    expect(t.lines.find((line) => line.message === "subscription crashed")).toEqual({
      level: "error",
      message: "subscription crashed",
      fields: {
        phase: "tick",
        subscription: "d1",
        kind: "digest",
        team: "T1",
        error: "TypeError",
        reason: "store down",
      },
    });
  });

  it("warns once when a run is given up, with when it was due and how late", async () => {
    const t = harness([digest({ time: "23:50" })]);
    await runTick(new Date("2026-12-03T05:05:00Z"), t.deps);
    await runTick(new Date("2026-12-03T05:06:00Z"), t.deps);
    expect(t.lines.filter((line) => line.fields.outcome === "given-up")).toEqual([
      {
        level: "warn",
        message: "subscription",
        fields: {
          phase: "tick",
          subscription: "d1",
          kind: "digest",
          team: "T1",
          outcome: "given-up",
          dueAt: "2026-12-03T04:50:00.000Z",
          minutesLate: 15,
          reason: "its day is over",
        },
      },
    ]);
  });
});

describe("the tick's catch-up and schedule edges", () => {
  it("gives up a run 31 minutes late, and reports none older", async () => {
    const t = harness([digest()]);
    expect((await runTick(minutesAfter(AT_1130, 31), t.deps)).outcomes).toEqual({ "given-up": 1 });
    expect(t.sent).toEqual([]);
    expect((await runTick(minutesAfter(AT_1130, 32), t.deps)).due).toBe(0);
  });

  it("catches up within a shorter window when asked to", async () => {
    const t = harness([digest()]);
    expect((await runTick(minutesAfter(AT_1130, 6), t.deps, 5)).outcomes).toEqual({ "given-up": 1 });
    const reason = t.lines.find((line) => line.fields.outcome === "given-up")?.fields.reason;
    expect(reason).toBe("more than 5 minutes late");
    const within = harness([digest()]);
    expect((await runTick(minutesAfter(AT_1130, 5), within.deps, 5)).outcomes).toEqual({ posted: 1 });
  });

  it("posts nothing on a day the subscription skips", async () => {
    const t = harness([digest({ days: ["mon", "tue"] })]);
    expect((await runTick(AT_1130, t.deps)).due).toBe(0);
    expect(t.sent).toEqual([]);
  });

  it("reads a tracker that failed once for all, and holds a tracker-problem run for the day", async () => {
    const t = harness([follow()], {
      reading: { ok: false, kind: "unavailable", problem: "The tracker is down.", detail: "HTTP 503" },
    });
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ "tracker-problem": 1 });
    expect((await runTick(minutesAfter(AT_1130, 1), t.deps)).outcomes).toEqual({});
    expect(t.reads()).toBe(1);
  });

  it("holds a follow whose truck is not out for the day", async () => {
    const t = harness([follow({ truck: "Absent Truck" })]);
    await runTick(AT_1130, t.deps);
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ duplicate: 1 });
  });

  it("marks a digest from a stale page as such", async () => {
    const fetchedAt = new Date("2026-12-02T15:00:00Z");
    const t = harness([digest()], {
      reading: {
        ok: true,
        snapshot: {
          listings: LISTINGS,
          sourceUrl: "https://tracker.test/",
          fetchedAt,
          stale: { error: new TrackerError("unreachable", "HTTP 503") },
        },
      },
    });
    await runTick(AT_1130, t.deps);
    expect(t.sent[0]!.text).toContain("tracker unreachable");
    const fresh = harness([digest()]);
    await runTick(AT_1130, fresh.deps);
    expect(fresh.sent[0]!.text).not.toContain("tracker unreachable");
  });

  it("runs at most `concurrency` subscriptions at once", async () => {
    const subscriptions = ["d1", "d2", "d3"].map((id) => digest({ id, channelId: `C_${id}` }));
    const inFlight = async (concurrency?: number) => {
      const t = harness(subscriptions);
      if (concurrency !== undefined) t.deps.concurrency = concurrency;
      let now = 0;
      let most = 0;
      const post = t.deps.post;
      t.deps.post = async (...args) => {
        most = Math.max(most, ++now);
        await new Promise((resolve) => setImmediate(resolve));
        now--;
        return post(...args);
      };
      await runTick(AT_1130, t.deps);
      return most;
    };
    expect(await inFlight(1)).toBe(1);
    expect(await inFlight()).toBe(3);
  });
});

describe("the tick's claims and messages", () => {
  // The claims' clock follows the ticks, so a claim's length is what the next ticks see.
  function clocked(subscriptions: Subscription[], options: Parameters<typeof harness>[1] = {}) {
    const t = harness(subscriptions, options);
    let now = 0;
    t.deps.claims = createMemoryClaimStore(() => now);
    const tick = (at: Date) => {
      now = at.getTime();
      return runTick(at, t.deps);
    };
    return { ...t, tick };
  }

  it("holds what posted, or had nothing to post, for the rest of the catch-up window", async () => {
    const t = clocked([digest(), follow({ id: "f2", truck: "Absent Truck" })]);
    expect((await t.tick(AT_1130)).outcomes).toEqual({ posted: 1, "not-out": 1 });
    for (const later of [1, 10, 30]) expect((await t.tick(minutesAfter(AT_1130, later))).outcomes).toEqual({});
    expect(t.sent).toHaveLength(1);
  });

  it("holds a run the tracker failed for the rest of the catch-up window", async () => {
    const t = clocked([digest()], {
      reading: { ok: false, kind: "unavailable", problem: "The tracker is down.", detail: "HTTP 503" },
    });
    expect((await t.tick(AT_1130)).outcomes).toEqual({ "tracker-problem": 1 });
    expect((await t.tick(minutesAfter(AT_1130, 20))).outcomes).toEqual({});
    expect(t.sent).toHaveLength(1);
  });

  it("says a given-up run once, however many ticks look back at it", async () => {
    const t = clocked([digest({ time: "23:50" })]);
    for (const at of ["05:05", "05:06", "05:20"]) await t.tick(new Date(`2026-12-03T${at}:00Z`));
    expect(t.lines.filter((line) => line.fields.outcome === "given-up")).toHaveLength(1);
  });

  it("tells the owner of a stopped digest once, however many ticks look back at it", async () => {
    const t = clocked([digest(), digest({ id: "d2", channelId: "C2" })], {
      answer: (sent) => (sent.channel === "C1" ? { ok: false, kind: "gone", error: "not_in_channel" } : { ok: true }),
    });
    expect((await t.tick(AT_1130)).outcomes).toEqual({ stopped: 1, posted: 1 });
    await t.tick(minutesAfter(AT_1130, 10));
    expect(t.sent.map((s) => s.channel)).toEqual(["C1", "C2", "U_OWNER"]);
    expect(t.sent[2]!.text).toContain("Farragut Square");
    expect(t.sent[2]!.text).toContain("the app is not in that channel");
    expect(t.store.all.map((s) => s.id)).toEqual(["d2"]);
  });

  it("posts nothing and logs nothing when nothing is due", async () => {
    const t = harness([digest()]);
    const result = await runTick(minutesAfter(AT_1130, -5), t.deps);
    expect(result).toEqual({ minute: "2026-12-02T16:25:00.000Z", due: 0, outcomes: {} });
    expect(t.lines).toEqual([]);
  });

  it("finds a followed truck whatever its name's case and punctuation", async () => {
    const t = harness([follow({ truck: "sol  mexican-grill" })]);
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ posted: 1 });
    expect(t.sent[0]!.text).toContain("Farragut Square");
    expect(t.sent[0]!.text).not.toContain("Metro Center");
  });

  it("gives a digest a Refresh button that keeps its time zone, and says the page's time in that zone", async () => {
    const t = harness([digest({ time: "08:30", timeZone: "America/Los_Angeles" })], {
      reading: {
        ok: true,
        snapshot: {
          listings: LISTINGS,
          sourceUrl: "https://tracker.test/",
          fetchedAt: new Date("2026-12-02T15:00:00Z"),
        },
      },
    });
    expect((await runTick(AT_1130, t.deps)).outcomes).toEqual({ posted: 1 });
    const text = t.sent[0]!.text;
    expect(text).toContain("Refresh");
    expect(text).toContain("America/Los_Angeles");
    expect(text).toContain("7:00");
    expect(text).not.toContain("10:00");
  });
});

describe("the tick's runs refused for their token", () => {
  const REFUSED: PostResult = { ok: false, kind: "auth", error: "invalid_auth" };

  /** Ticks every minute from `from` to `to` (inclusive), the claims' clock following. */
  function minuteByMinute(t: ReturnType<typeof harness>) {
    let now = 0;
    t.deps.claims = createMemoryClaimStore(() => now);
    return async (from: Date, to: Date) => {
      const outcomes: Partial<Record<string, number>>[] = [];
      for (let at = from; at <= to; at = minutesAfter(at, 1)) {
        now = at.getTime();
        outcomes.push((await runTick(at, t.deps)).outcomes);
      }
      return outcomes;
    };
  }

  it("posts a run refused at 11:30 once the token works at 13:10, late and once, asking Slack every 5 minutes past the catch-up", async () => {
    let tokenWorks = false;
    const t = harness([digest()], { answer: () => (tokenWorks ? { ok: true } : REFUSED) });
    const ticks = minuteByMinute(t);
    await ticks(AT_1130, minutesAfter(AT_1130, 99)); // 11:30 … 13:09
    // Every minute of the catch-up (11:30 … 12:00), then 12:05, 12:10 … 13:05: never given up at its end.
    expect(t.sent).toHaveLength(31 + 13);
    expect(t.lines.some((line) => line.fields.outcome === "given-up")).toBe(false);
    tokenWorks = true;
    expect(await ticks(minutesAfter(AT_1130, 100), minutesAfter(AT_1130, 100))).toEqual([{ posted: 1 }]);
    await ticks(minutesAfter(AT_1130, 101), minutesAfter(AT_1130, 130));
    expect(t.sent).toHaveLength(31 + 13 + 1);
    expect(await t.deps.refusedRuns.list()).toEqual([]);
    const posted = t.lines.filter((line) => line.fields.outcome === "posted");
    expect(posted).toEqual([
      {
        level: "info",
        message: "subscription",
        fields: {
          phase: "tick",
          subscription: "d1",
          kind: "digest",
          team: "T1",
          outcome: "posted",
          dueAt: "2026-12-02T16:30:00.000Z",
          minutesLate: 100,
          tokenRefusedBefore: true,
        },
      },
    ]);
  });

  it("asks once per tick for a workspace still refused, and goes on posting for the others", async () => {
    const t = harness(
      [
        digest(),
        digest({ id: "d2", channelId: "C2", time: "11:40" }),
        digest({ id: "d3", teamId: "T2", channelId: "C3", time: "11:40" }),
      ],
      { answer: (sent) => (sent.teamId === "T1" ? REFUSED : { ok: true }) },
    );
    const ticks = minuteByMinute(t);
    const sentAt = async (minutes: number) => {
      const before = t.sent.length;
      await ticks(minutesAfter(AT_1130, minutes), minutesAfter(AT_1130, minutes));
      return t.sent.slice(before).map((sent) => sent.channel);
    };
    expect(await sentAt(0)).toEqual(["C1"]);
    // Within the catch-up window, every tick.
    expect(await sentAt(1)).toEqual(["C1"]);
    // 11:40: d2 is refused on time, so d1's retry waits; d3, in another workspace, posts.
    expect((await sentAt(10)).sort()).toEqual(["C2", "C3"]);
    // 11:41: d1 refused again, so d2 is not asked.
    expect(await sentAt(11)).toEqual(["C1"]);
    // Past the window (12:15), at most once every 5 minutes, and still one refusal a tick.
    expect(await sentAt(45)).toEqual(["C1"]);
    for (const minutes of [46, 47, 48, 49]) expect(await sentAt(minutes)).toEqual([]);
    expect(await sentAt(50)).toEqual(["C1"]);
    expect((await t.deps.refusedRuns.list()).map((run) => run.subscriptionId).sort()).toEqual(["d1", "d2"]);
  });

  it("gives a refused run up, once, when its day is over in its own time zone", async () => {
    const t = harness([digest({ time: "23:50" })], { answer: () => REFUSED });
    const ticks = minuteByMinute(t);
    // 23:50 to 00:10 in New York.
    await ticks(new Date("2026-12-03T04:50:00Z"), new Date("2026-12-03T05:10:00Z"));
    const givenUp = t.lines.filter((line) => line.fields.outcome === "given-up");
    expect(givenUp).toHaveLength(1);
    expect(givenUp[0]!.level).toBe("warn");
    expect(givenUp[0]!.fields.reason).toBe("its day is over, and Slack refused the token until then");
    expect(givenUp[0]!.fields.dueAt).toBe("2026-12-03T04:50:00.000Z");
    // Refused every minute from 23:50 to 23:59, then given up.
    expect(t.sent).toHaveLength(10);
    expect(await t.deps.refusedRuns.list()).toEqual([]);
  });

  it("forgets a refused run whose subscription was removed", async () => {
    let tokenWorks = false;
    const t = harness([digest()], { answer: () => (tokenWorks ? { ok: true } : REFUSED) });
    const ticks = minuteByMinute(t);
    await ticks(AT_1130, AT_1130);
    await t.store.remove("T1", "C1", ["d1"]);
    tokenWorks = true;
    await ticks(minutesAfter(AT_1130, 40), minutesAfter(AT_1130, 40));
    expect(t.sent).toHaveLength(1);
    expect(await t.deps.refusedRuns.list()).toEqual([]);
  });

  it("keeps a retried run that fails for now, and keeps its outcome when the record cannot be saved", async () => {
    let answer: PostResult = REFUSED;
    const t = harness([digest()], { answer: () => answer });
    const ticks = minuteByMinute(t);
    await ticks(AT_1130, AT_1130);
    answer = { ok: false, kind: "failed", error: "service_unavailable" };
    expect(await ticks(minutesAfter(AT_1130, 60), minutesAfter(AT_1130, 60))).toEqual([{ failed: 1 }]);
    expect((await t.deps.refusedRuns.list())[0]?.lastTriedMs).toBe(minutesAfter(AT_1130, 60).getTime());
    answer = REFUSED;
    t.deps.refusedRuns.save = async () => {
      throw new Error("store down");
    };
    expect(await ticks(minutesAfter(AT_1130, 70), minutesAfter(AT_1130, 70))).toEqual([{ "auth-failed": 1 }]);
    expect(t.lines.some((line) => line.message === "refused run not recorded" && line.level === "error")).toBe(true);
  });
});
