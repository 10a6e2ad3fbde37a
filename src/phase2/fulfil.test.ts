// Phase 2's decisions, with the tracker and Slack replaced by in-memory stand-ins
// (the HTTP versions of both are exercised in test/local and test/lambda).
import { afterEach, describe, expect, it } from "vitest";
import { startLoopbackServer, type LoopbackServer } from "../../test/helpers/loopbackServer.js";
import { createLogger } from "../observe/log.js";
import { createDeliver, type DeliveryResult } from "../slack/deliverMessage.js";
import { parseAllowedHosts } from "../slack/responseUrlPolicy.js";
import type { SlackMessage } from "../slack/blockKit.js";
import { TrackerError } from "../trucks/trackerError.js";
import type { TrackerSnapshot, Tracker } from "../trucks/tracker.js";
import type { PlaceListing } from "../trucks/types.js";
import { fulfil, type FulfilDeps, type FulfilOutcome } from "./fulfil.js";
import { DIMENSION_VALUES } from "../observe/metricNames.js";
import type { FulfilJob, SubscriptionRequest } from "./job.js";
import type { SubscriptionStore } from "../subscriptions/store.js";
import { commandKey, createMemoryClaimStore } from "../claims/claimStore.js";
import { attemptSeconds } from "../claims/claim.js";

const listings: PlaceListing[] = [
  { place: "DC - Farragut Square", trucks: [{ name: "District Taco", url: "http://twitter.com/districttaco" }] },
  { place: "DC - Metro Center", trucks: [] },
  { place: "DC - Franklin Square", trucks: [{ name: "TaKorean", url: null }] },
];

function job(query: string, responseUrl = "https://hooks.slack.com/commands/T1/1/abc"): FulfilJob {
  return {
    requestId: "req-1",
    receivedAtMs: Date.now(),
    request: query === "list" ? { kind: "list" } : { kind: "places", query },
    asker: { command: "/foodtrucks", responseUrl, userId: "U1", teamId: "T1" },
  };
}

function harness(tracker: Partial<Tracker> = {}, overrides: Partial<FulfilDeps> = {}) {
  const posts: { url: string; message: SlackMessage }[] = [];
  const logs: Record<string, unknown>[] = [];
  const deps: FulfilDeps = {
    tracker: {
      sourceUrl: "http://foodtruckfiesta.com/dc-food-truck-list/",
      get: async (): Promise<TrackerSnapshot> => ({
        listings,
        sourceUrl: "http://foodtruckfiesta.com/dc-food-truck-list/",
        fetchedAt: new Date(),
      }),
      ...tracker,
    },
    deliver: async (url, message): Promise<DeliveryResult> => {
      posts.push({ url, message });
      return { ok: true, attempts: 1 };
    },
    claims: createMemoryClaimStore(),
    log: createLogger((line) => logs.push(JSON.parse(line))),
    deadlineMs: 1_000,
    ...overrides,
  };
  return { deps, posts, logs };
}

describe("fulfil", () => {
  it("posts the matched place's trucks in the channel", async () => {
    const { deps, posts } = harness();
    expect(await fulfil(job("farragut"), deps)).toBe("posted");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.message.response_type).toBe("in_channel");
    expect(JSON.stringify(posts[0]!.message)).toContain("District Taco");
  });

  it("posts once when the same command reaches phase 2 twice", async () => {
    const { deps, posts } = harness();
    const outcomes = await Promise.all([fulfil(job("farragut"), deps), fulfil(job("farragut"), deps)]);
    expect(outcomes.sort()).toEqual(["duplicate", "posted"]);
    expect(posts).toHaveLength(1);
  });

  it("answers a retry that arrives after a crashed attempt's claim has lapsed", async () => {
    let now = Date.now();
    const claims = createMemoryClaimStore(() => now);
    const { deps, posts } = harness({}, { claims, nowMs: () => now });
    const crashed = job("farragut");
    // The crashed attempt claimed the command, then died before answering.
    expect(await claims.claim(commandKey(crashed.asker.responseUrl), 46)).toBe(true);
    expect(await fulfil(crashed, deps)).toBe("duplicate");
    now += 60_000; // Lambda retries an async invoke after a minute or more
    expect(await fulfil(crashed, deps)).toBe("posted");
    expect(posts).toHaveLength(1);
    now += 25 * 60_000; // once answered, the claim holds for the response_url's whole life
    expect(await fulfil(crashed, deps)).toBe("duplicate");
  });

  it("lets go of the claim when it crashes, so the retry answers", async () => {
    const { deps, posts } = harness();
    const deliver = deps.deliver;
    deps.deliver = async () => {
      throw new Error("a bug");
    };
    await expect(fulfil(job("farragut"), deps)).rejects.toThrow("a bug");
    deps.deliver = deliver;
    expect(await fulfil(job("farragut"), deps)).toBe("posted");
    expect(posts).toHaveLength(1);
  });

  it("tells the asker only about an empty place, with the places that do have trucks", async () => {
    const { deps, posts } = harness();
    expect(await fulfil(job("metro center"), deps)).toBe("no-trucks");
    expect(posts[0]!.message.response_type).toBe("ephemeral");
    expect(JSON.stringify(posts[0]!.message)).toContain("Farragut Square");
  });

  it("answers a list request with every place", async () => {
    const { deps, posts } = harness();
    expect(await fulfil(job("list"), deps)).toBe("listed");
    expect(JSON.stringify(posts[0]!.message)).toContain("DC - Metro Center");
  });

  it("posts the known places and a 'did you mean' for the unknown one", async () => {
    const { deps, posts } = harness();
    expect(await fulfil(job("farragut, frankln"), deps)).toBe("posted");
    expect(posts).toHaveLength(2);
    expect(posts[0]!.message.response_type).toBe("in_channel");
    expect(posts[1]!.message.response_type).toBe("ephemeral");
    expect(JSON.stringify(posts[1]!.message)).toContain("Franklin Square");
  });

  it("says the tracker is too slow when the deadline passes", async () => {
    const { deps, posts } = harness({ get: () => new Promise<never>(() => {}) }, { deadlineMs: 50 });
    expect(await fulfil(job("farragut"), deps)).toBe("too-slow");
    expect(posts[0]!.message.text).toMatch(/too slow/);
  });

  it("says the tracker's page changed, and logs an error", async () => {
    const { deps, posts, logs } = harness({
      get: async () => Promise.reject(new TrackerError("layout-changed", "no places found on http://x")),
    });
    expect(await fulfil(job("farragut"), deps)).toBe("tracker-problem");
    expect(posts[0]!.message.text).toMatch(/page changed/);
    expect(logs.some((line) => line.level === "error" && line.msg === "tracker layout changed")).toBe(true);
  });

  it("says how old the page is when the tracker failed and the last good page is used", async () => {
    const fetchedAt = new Date(Date.now() - 25 * 60_000);
    const { deps, posts } = harness({
      get: async () => ({
        listings,
        sourceUrl: "http://x/",
        fetchedAt,
        stale: { error: new TrackerError("unreachable", "down") },
      }),
    });
    await fulfil(job("farragut"), deps);
    expect(JSON.stringify(posts[0]!.message)).toMatch(/25 min/);
  });

  it("posts a list to the webhook when one is configured, and confirms to the asker", async () => {
    const { deps, posts } = harness({}, { webhookUrl: "https://hooks.slack.com/services/T/B/xyz" });
    deps.deliverToWebhook = deps.deliver;
    await fulfil(job("farragut"), deps);
    expect(posts.map((post) => post.url)).toEqual([
      "https://hooks.slack.com/services/T/B/xyz",
      "https://hooks.slack.com/commands/T1/1/abc",
    ]);
    expect(JSON.stringify(posts[0]!.message)).toContain("District Taco");
    expect(posts[1]!.message.response_type).toBe("ephemeral");
  });

  it("answers in the asker's channel when the webhook refuses the post", async () => {
    const { deps, posts, logs } = harness({}, { webhookUrl: "https://hooks.slack.com/services/T/B/revoked" });
    deps.deliverToWebhook = async () => ({ ok: false, attempts: 1, reason: "Slack answered HTTP 404" });
    expect(await fulfil(job("farragut"), deps)).toBe("posted");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe("https://hooks.slack.com/commands/T1/1/abc");
    expect(posts[0]!.message.response_type).toBe("in_channel");
    expect(JSON.stringify(posts[0]!.message)).toContain("District Taco");
    expect(logs.some((line) => line.level === "error" && String(line.msg).includes("webhook post failed"))).toBe(true);
  });

  it("does not post after response_url has expired", async () => {
    const { deps, posts } = harness();
    const old = { ...job("farragut"), receivedAtMs: Date.now() - 31 * 60_000 };
    expect(await fulfil(old, deps)).toBe("expired");
    expect(posts).toHaveLength(0);
  });

  it("logs one line with the outcome and timings, without the response_url", async () => {
    const { deps, logs } = harness();
    await fulfil(job("farragut", "https://hooks.slack.com/commands/T1/1/very-secret"), deps);
    const line = logs.find((entry) => entry.phase === "fulfil")!;
    expect(line).toMatchObject({
      requestId: "req-1",
      team: "T1",
      command: "/foodtrucks",
      place: "farragut",
      outcome: "posted",
    });
    expect(typeof line.ms).toBe("number");
    expect(JSON.stringify(logs)).not.toContain("very-secret");
  });
});

describe("fulfil against a slow, failing Slack", () => {
  let slack: LoopbackServer | undefined;
  afterEach(async () => {
    await slack?.close();
    slack = undefined;
  });

  /** A Slack that answers every POST, a little late, with 503 and a Retry-After. */
  async function failingSlack(retryAfterSeconds: number) {
    slack = await startLoopbackServer((_req, res) => {
      setTimeout(() => res.writeHead(503, { "retry-after": String(retryAfterSeconds) }).end("busy"), 20);
    });
    return slack;
  }
  const realDelivery = () => ({ deliver: createDeliver({ allowedHosts: parseAllowedHosts("127.0.0.1") }) });

  it("POSTs at most five times to one response_url across the answer, its follow-up and the clean-up", async () => {
    // The answer gets through on its third try; everything else is refused.
    let calls = 0;
    slack = await startLoopbackServer((_req, res) => {
      const status = ++calls === 3 ? 200 : 503;
      setTimeout(() => res.writeHead(status, { "retry-after": "0" }).end(), 20);
    });
    const { deps } = harness({}, realDelivery());
    const click = { ...job("farragut, frankln", `${slack.url}/commands/T1/1/abc`), reply: { deleteOriginal: true } };
    expect(await fulfil(click, deps)).toBe("posted");
    expect(slack.requests).toHaveLength(5);
    // The answer, then one try each for the follow-up and the clean-up.
    expect(
      slack.requests.map((request) => (JSON.parse(request.body) as { delete_original?: boolean }).delete_original),
    ).toEqual([undefined, undefined, undefined, undefined, true]);
  });

  it("keeps to five on the response_url when a Share also posts to the team webhook", async () => {
    const server = await failingSlack(0);
    const { deps } = harness({}, { ...realDelivery(), webhookUrl: `${server.url}/services/T/B/team` });
    const share = {
      ...job("farragut", `${server.url}/commands/T1/2/abc`),
      reply: { inChannel: true, deleteOriginal: true },
    };
    expect(await fulfil(share, deps)).toBe("delivery-failed");
    const toAsker = server.requests.filter((request) => request.url.startsWith("/commands/"));
    expect(toAsker.length).toBeGreaterThan(0);
    expect(toAsker.length).toBeLessThanOrEqual(5);
  });

  it("leaves the asker time to get the trucks when the team webhook hangs", async () => {
    slack = await startLoopbackServer((req, res) => {
      if (req.url.startsWith("/services/")) return; // the team channel's webhook never answers
      res.writeHead(200).end("ok");
    });
    const { deps } = harness(
      {},
      { ...realDelivery(), webhookUrl: `${slack.url}/services/T/B/team`, jobBudgetMs: 1_500 },
    );
    expect(await fulfil(job("farragut", `${slack.url}/commands/T1/4/abc`), deps)).toBe("posted");
    const toAsker = slack.requests.filter((request) => request.url.startsWith("/commands/"));
    expect(toAsker).toHaveLength(1);
    expect(toAsker[0]!.body).toContain("District Taco");
  });

  it("gives up rather than wait out a Retry-After past the job's budget, and keeps the claim", async () => {
    const server = await failingSlack(120);
    const responseUrl = `${server.url}/commands/T1/3/abc`;
    const claims = createMemoryClaimStore();
    const { deps, logs } = harness({}, { ...realDelivery(), claims, jobBudgetMs: 5_000 });
    expect(await fulfil(job("farragut", responseUrl), deps)).toBe("delivery-failed");
    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify(logs)).toMatch(/outlast the job's delivery budget/);
    // Undeliverable: a retry would do no better, so the key stays taken.
    expect(await claims.claim(commandKey(responseUrl), 1)).toBe(false);
  });
});

describe("fulfil's claim", () => {
  it("is held for the response_url's life as soon as the answer is out, before the follow-up", async () => {
    let now = Date.now();
    const claims = createMemoryClaimStore(() => now);
    const request = job("farragut, frankln");
    const key = commandKey(request.asker.responseUrl);
    let takenDuringFollowUp: boolean | undefined;
    const { deps, posts } = harness(
      {},
      {
        claims,
        nowMs: () => now,
        deliver: async (url, message) => {
          posts.push({ url, message });
          if (posts.length === 2) {
            // Past the in-progress claim's life: only a hold keeps the key taken now.
            now += (attemptSeconds(deps.deadlineMs) + 1) * 1000;
            takenDuringFollowUp = !(await claims.claim(key, 1));
          }
          return { ok: true, attempts: 1 };
        },
      },
    );
    expect(await fulfil(request, deps)).toBe("posted");
    expect(posts).toHaveLength(2);
    expect(takenDuringFollowUp).toBe(true);
  });
});

describe("fulfil with a subscriptions store that fails", () => {
  const failing: SubscriptionStore = {
    add: async () => {
      throw new Error("database is locked");
    },
    digestsOf: async () => {
      throw new Error("database is locked");
    },
    followsOf: async () => {
      throw new Error("database is locked");
    },
    remove: async () => {
      throw new Error("database is locked");
    },
    at: async () => [],
    timeZones: async () => [],
  };
  const subscriptionJob = (request: SubscriptionRequest, n: number): FulfilJob => ({
    ...job("farragut", `https://hooks.slack.com/commands/T1/${n}/abc`),
    request,
    asker: {
      command: "/foodtrucks",
      responseUrl: `https://hooks.slack.com/commands/T1/${n}/abc`,
      userId: "U1",
      teamId: "T1",
      channelId: "C1",
    },
  });

  it("answers every command once, saying nothing changed, and logs the store's error", async () => {
    const settings = { store: failing, defaultTimeZone: "America/New_York", followTime: "10:30" };
    const { deps, posts, logs } = harness({}, { subscriptions: settings });
    const requests: SubscriptionRequest[] = [
      { kind: "daily-add", time: "11:30", places: "farragut" },
      { kind: "follow", truck: "takorean" },
      { kind: "daily-off" },
      { kind: "unfollow", truck: "takorean" },
      { kind: "remove-subscription", id: "s1" },
      { kind: "daily-list" },
      { kind: "following" },
    ];
    for (const [i, request] of requests.entries()) {
      expect(await fulfil(subscriptionJob(request, i), deps)).toBe("store-failed");
      // A second delivery of the same job stays silent: still exactly one answer.
      expect(await fulfil(subscriptionJob(request, i), deps)).toBe("duplicate");
    }
    expect(posts.map((p) => p.message.text)).toEqual([
      ...Array(5).fill("Sorry, I couldn't save that just now, so nothing changed. Please try again in a moment."),
      ...Array(2).fill(
        "Sorry, I couldn't read the saved daily posts and follows just now. Please try again in a moment.",
      ),
    ]);
    expect(logs.filter((l) => l.msg === "subscriptions store failed")).toHaveLength(7);
  });
});

describe("fulfil's outcomes", () => {
  it("are exactly the Jobs metric's Outcome values, which the dashboard graphs", () => {
    type Graphed = (typeof DIMENSION_VALUES.jobOutcome)[number];
    // Checked by the compiler both ways: an outcome missing from the dashboard fails typecheck.
    const everyOutcomeGraphed: [Exclude<FulfilOutcome, Graphed>] extends [never] ? true : false = true;
    const everyGraphedAnOutcome: [Exclude<Graphed, FulfilOutcome>] extends [never] ? true : false = true;
    expect([everyOutcomeGraphed, everyGraphedAnOutcome]).toEqual([true, true]);
  });
});
