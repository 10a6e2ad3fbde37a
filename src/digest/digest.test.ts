// digest() with a stand-in tracker and a stand-in webhook delivery: which message the channel
// gets, when a run posts at most once, and what is never said.
import { describe, expect, it } from "vitest";
import { createMemoryClaimStore } from "../claims/claimStore.js";
import { ConfigError } from "../config/env.js";
import { createLogger } from "../observe/log.js";
import type { SlackMessage } from "../slack/blockKit.js";
import type { DeliveryResult } from "../slack/deliverMessage.js";
import { TrackerError } from "../trucks/trackerError.js";
import type { Tracker, TrackerSnapshot } from "../trucks/tracker.js";
import { digest, type DigestDeps } from "./digest.js";
import type { DigestJob } from "./digestJob.js";

const WEBHOOK = "https://hooks.slack.com/services/T1/B1/secret";

const snapshot: TrackerSnapshot = {
  listings: [
    { place: "DC - Farragut Square", trucks: [{ name: "District Taco", url: "http://twitter.com/districttaco" }] },
    { place: "DC - Franklin Square", trucks: [{ name: "TaKorean", url: null }] },
    { place: "DC - Metro Center", trucks: [] },
  ],
  sourceUrl: "http://foodtruckfiesta.com/dc-food-truck-list/",
  fetchedAt: new Date("2026-11-30T16:00:00Z"),
};

function stubTracker(get: () => Promise<TrackerSnapshot>): Tracker & { reads: number } {
  const tracker = {
    sourceUrl: snapshot.sourceUrl,
    reads: 0,
    get() {
      tracker.reads++;
      return get();
    },
  };
  return tracker;
}

/** A digest run against stand-ins; returns what was posted and logged alongside the result. */
function setUp(options: { tracker?: Tracker; delivery?: DeliveryResult; deps?: Partial<DigestDeps> } = {}) {
  const posts: { url: string; message: SlackMessage }[] = [];
  const logs: Record<string, unknown>[] = [];
  const deps: DigestDeps = {
    tracker: options.tracker ?? stubTracker(async () => snapshot),
    log: createLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    deadlineMs: 1_000,
    webhookUrlOf: async (job) => job.webhookUrl ?? "",
    deliver: async (url, message) => {
      posts.push({ url, message });
      return options.delivery ?? { ok: true, attempts: 1 };
    },
    nowMs: () => Date.parse("2026-11-30T16:05:00Z"),
    ...options.deps,
  };
  return { deps, posts, logs };
}

const job = (fields: Partial<DigestJob> = {}): DigestJob => ({
  kind: "digest",
  name: "lunch",
  places: ["farragut", "franklin"],
  webhookUrl: WEBHOOK,
  ...fields,
});

describe("digest", () => {
  it("posts the trucks at its places to the webhook, marked as a daily digest", async () => {
    const { deps, posts, logs } = setUp();
    const result = await digest(job(), deps);
    expect(result).toEqual({ outcome: "posted", places: ["DC - Farragut Square", "DC - Franklin Square"] });
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe(WEBHOOK);
    const shown = JSON.stringify(posts[0]!.message);
    expect(shown).toContain("District Taco");
    expect(shown).toContain("TaKorean");
    expect(shown).toContain("daily digest");
    expect(shown).not.toContain("asked by");
    expect(logs.at(-1)).toMatchObject({ phase: "digest", digest: "lunch", outcome: "posted", places: 2 });
  });

  it("says there are no trucks yet, naming the places that have some", async () => {
    const { deps, posts } = setUp();
    const result = await digest(job({ places: ["metro"] }), deps);
    expect(result.outcome).toBe("no-trucks");
    expect(posts[0]!.message.text).toContain("No trucks at");
    expect(posts[0]!.message.text).toContain("Farragut Square");
  });

  it("leaves out places not on the tracker today, and says which in a warning", async () => {
    const { deps, posts, logs } = setUp();
    const result = await digest(job({ places: ["farragut", "navy yard"] }), deps);
    expect(result).toEqual({ outcome: "posted", places: ["DC - Farragut Square"] });
    expect(JSON.stringify(posts[0]!.message)).toContain("District Taco");
    expect(logs.find((line) => line.level === "warn")).toMatchObject({ unmatched: "navy yard" });
  });

  it("posts the tracker's problem to the channel when the tracker fails", async () => {
    const tracker = stubTracker(async () => {
      throw new TrackerError("bad-status", "HTTP 503");
    });
    const { deps, posts } = setUp({ tracker });
    const result = await digest(job(), deps);
    expect(result.outcome).toBe("tracker-problem");
    expect(result.places).toEqual([]);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.message.text).toMatch(/tracker/i);
  });

  it("says the tracker is too slow past the deadline", async () => {
    const tracker = stubTracker(() => new Promise<TrackerSnapshot>(() => {}));
    const { deps, posts } = setUp({ tracker, deps: { deadlineMs: 20 } });
    const result = await digest(job(), deps);
    expect(result.outcome).toBe("too-slow");
    expect(posts).toHaveLength(1);
  });

  it("reports a refused post as delivery-failed, with the reason and never the URL", async () => {
    const { deps, logs } = setUp({ delivery: { ok: false, attempts: 4, reason: "HTTP 404 no_service" } });
    const result = await digest(job(), deps);
    expect(result).toMatchObject({ outcome: "delivery-failed", reason: "HTTP 404 no_service" });
    expect(logs.at(-1)).toMatchObject({ level: "error", outcome: "delivery-failed", wanted: "posted" });
    expect(JSON.stringify(logs)).not.toContain(WEBHOOK);
  });

  it("refuses a webhook that is not https before reading the tracker, without naming it", async () => {
    const tracker = stubTracker(async () => snapshot);
    const { deps, posts } = setUp({ tracker });
    const attempt = digest(job({ webhookUrl: "http://example.com/hook-secret" }), deps);
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.not.toThrow(/hook-secret/);
    expect(tracker.reads).toBe(0);
    expect(posts).toHaveLength(0);
  });

  it("posts a scheduled run once, however often it is delivered", async () => {
    const claims = createMemoryClaimStore();
    const { deps, posts, logs } = setUp({ deps: { claims } });
    const run = job({ scheduledTime: "2026-11-30T16:30:00Z" });
    expect((await digest(run, deps)).outcome).toBe("posted");
    expect(await digest(run, deps)).toEqual({ outcome: "duplicate", places: [] });
    expect(posts).toHaveLength(1);
    expect(logs.at(-1)).toMatchObject({ outcome: "duplicate", scheduledTime: "2026-11-30T16:30:00Z" });
    // The next day's run is another run.
    expect((await digest(job({ scheduledTime: "2026-12-01T16:30:00Z" }), deps)).outcome).toBe("posted");
    expect(posts).toHaveLength(2);
  });

  it("lets go of a run that could not post, so a retry posts", async () => {
    const claims = createMemoryClaimStore();
    const run = job({ scheduledTime: "2026-11-30T16:30:00Z" });
    const failing = setUp({ deps: { claims }, delivery: { ok: false, attempts: 4, reason: "HTTP 500" } });
    expect((await digest(run, failing.deps)).outcome).toBe("delivery-failed");
    const retry = setUp({ deps: { claims } });
    expect((await digest(run, retry.deps)).outcome).toBe("posted");
    expect(retry.posts).toHaveLength(1);
  });

  it("does not claim an unscheduled run (the command line): each one posts", async () => {
    const claims = createMemoryClaimStore();
    const { deps, posts } = setUp({ deps: { claims } });
    await digest(job(), deps);
    await digest(job(), deps);
    expect(posts).toHaveLength(2);
  });

  it("shows times in the digest's own time zone", async () => {
    const { deps, posts } = setUp();
    await digest(job({ timeZone: "Asia/Tokyo" }), deps);
    // 16:00 UTC is 01:00 the next day in Tokyo; in New York it would be 11:00.
    expect(JSON.stringify(posts[0]!.message)).toMatch(/\b1:00\b/);
  });
});
