// slacktrux on Cloudflare Workers, end to end inside workerd (Miniflare): the built Worker, with a
// loopback tracker and a loopback Slack standing in for the internet. Phase 2 runs from the real
// (local) queue, claims live in D1, the tracker's page in the Cache API.
import { readFileSync } from "node:fs";
import type { Button } from "@slack/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import type { FulfilJob } from "../../src/phase2/job.js";
import {
  eventually,
  startLoopbackServer,
  startSlackCatcher,
  startTrackerServer,
  type LoopbackServer,
} from "../helpers/loopbackServer.js";
import { commandBody, signedHeaders } from "../helpers/slackRequest.js";
import { JOBS_QUEUE, startWorker, type RunningWorker } from "../helpers/workerd.js";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url), "utf8");
const WEBHOOK_SECRET_VALUE = "/digest/T0TEST/very-secret-webhook";

let tracker: LoopbackServer;
let catcher: LoopbackServer;
let worker: RunningWorker;
let counter = 0;

beforeAll(async () => {
  tracker = await startTrackerServer(fixture);
  catcher = await startSlackCatcher();
  worker = await startWorker({
    TRACKER_URL: `${tracker.url}/dc-food-truck-list/`,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
    DIGESTS: JSON.stringify([
      { name: "lunch", time: "11:30", places: ["farragut"], webhookSecret: "LUNCH_WEBHOOK_URL" },
    ]),
    LUNCH_WEBHOOK_URL: `${catcher.url}${WEBHOOK_SECRET_VALUE}`,
  });
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
  await tracker?.close();
  await catcher?.close();
});
afterEach(() => {
  catcher.requests.length = 0;
});

const nextResponseUrl = (kind: string) => `${catcher.url}/${kind}/T0TEST/${++counter}/token`;
const postsTo = (url: string) =>
  catcher.requests
    .filter((request) => url.endsWith(request.url))
    .map((request) => JSON.parse(request.body) as SlackMessage);

/** Lets the queue run whatever it still holds, so a second post would have arrived by now. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function command(text: string, options: { secret?: string; timestamp?: number } = {}) {
  const responseUrl = nextResponseUrl("commands");
  const body = commandBody(text, responseUrl);
  const response = await worker.request("/slack/commands", {
    method: "POST",
    headers: signedHeaders(body, options),
    body,
  });
  return { status: response.status, ack: await response.text(), responseUrl };
}

async function answersTo(responseUrl: string, count = 1): Promise<SlackMessage[]> {
  await eventually(() => postsTo(responseUrl).length >= count, `${count} post(s) to the response_url`, 10_000);
  await settle();
  return postsTo(responseUrl);
}

describe("phase 1 in workerd", () => {
  it("answers its health check and refuses what is not Slack's", async () => {
    expect((await worker.request("/healthz")).status).toBe(200);
    expect((await worker.request("/elsewhere", { method: "POST" })).status).toBe(404);
    expect((await worker.request("/slack/commands")).status).toBe(405);
  });

  it("refuses a bad or stale signature with 401 and posts nothing", async () => {
    const bad = await command("farragut", { secret: "not-the-secret" });
    const stale = await command("farragut", { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(bad.status).toBe(401);
    expect(stale.status).toBe(401);
    await settle();
    expect(catcher.requests).toHaveLength(0);
  });
});

describe("a command, through the queue", () => {
  it("acks with Looking… then posts the trucks exactly once, and keeps the page in the Cache API", async () => {
    const { status, ack, responseUrl } = await command("farragut");
    expect(status).toBe(200);
    expect(ack).toContain("Looking");
    const posts = await answersTo(responseUrl);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.blocks)).toContain("District Taco");

    const caches = await worker.mf.getCaches();
    const key = `https://slacktrux.cache/tracker-page?url=${encodeURIComponent(`${tracker.url}/dc-food-truck-list/`)}`;
    const cached = (await (await caches.default.match(key))?.json()) as { listings: unknown[] } | undefined;
    expect(cached?.listings.length).toBeGreaterThan(0);
  });

  it("answers a bare /foodtrucks with a menu of today's places", async () => {
    const { status, responseUrl } = await command("");
    expect(status).toBe(200);
    const [menu] = await answersTo(responseUrl);
    expect(JSON.stringify(menu!.blocks)).toContain("DC - Farragut Square (5)");
  });

  it("answers a subscription command without a bot token with the Worker secret to set, once", async () => {
    const { status, responseUrl } = await command("daily 11:30 farragut");
    expect(status).toBe(200);
    const posts = await answersTo(responseUrl);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.response_type).toBe("ephemeral");
    expect(posts[0]!.text).toContain("wrangler secret put SLACK_BOT_TOKEN");
    expect(posts[0]!.text).not.toContain("botTokenParameter");
  });

  it("answers help at once, with nothing queued", async () => {
    const { ack, responseUrl } = await command("help");
    expect(ack).toContain("/foodtrucks");
    await settle();
    expect(postsTo(responseUrl)).toHaveLength(0);
  });

  it("posts once when the same job is delivered twice (its claim is in D1)", async () => {
    const responseUrl = nextResponseUrl("commands");
    const job: FulfilJob = {
      requestId: "r-duplicate",
      receivedAtMs: Date.now(),
      asker: { command: "/foodtrucks", responseUrl, userId: "U0ASKER", teamId: "T0TEST" },
      request: { kind: "places", query: "farragut" },
    };
    const jobs = await worker.mf.getQueueProducer<FulfilJob>("JOBS");
    await jobs.send(job);
    await jobs.send(job);
    // And once more in a batch of its own, as a redelivery would come.
    const direct = await (
      await worker.mf.getWorker()
    ).queue(JOBS_QUEUE, [{ id: "m-again", timestamp: new Date(), attempts: 1, body: job }]);
    expect(direct.outcome).toBe("ok");
    const posts = await answersTo(responseUrl);
    expect(posts).toHaveLength(1);
  });
});

describe("interactions in workerd", () => {
  function interaction(action: Record<string, unknown>, ephemeral = true) {
    const responseUrl = nextResponseUrl("actions");
    const payload = {
      type: "block_actions",
      user: { id: "U0CLICKER", username: "clicker", team_id: "T0TEST" },
      team: { id: "T0TEST", domain: "testers" },
      channel: { id: "C0TEST", name: "lunch" },
      container: { type: "message", message_ts: "1.2", channel_id: "C0TEST", is_ephemeral: ephemeral },
      api_app_id: "A0TEST",
      trigger_id: "1.2.3",
      response_url: responseUrl,
      actions: [{ block_id: "b", action_ts: "1.3", ...action }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return {
      responseUrl,
      send: () => worker.request("/slack/interactions", { method: "POST", headers: signedHeaders(body), body }),
    };
  }

  it("a menu choice posts the place to the channel, then removes the menu", async () => {
    const { responseUrl, send } = interaction({
      action_id: "pick_place",
      type: "static_select",
      selected_option: { text: { type: "plain_text", text: "x" }, value: "DC - Franklin Square" },
    });
    expect((await send()).status).toBe(200);
    const posts = await answersTo(responseUrl, 2);
    expect(posts).toHaveLength(2);
    expect(posts[0]!.response_type).toBe("in_channel");
    expect(JSON.stringify(posts[0]!.blocks)).toContain("TaKorean");
    expect(posts[1]).toMatchObject({ delete_original: true });
  });

  it("Share posts the list for everyone; Refresh replaces the channel post", async () => {
    const asked = await command("list");
    const [list] = await answersTo(asked.responseUrl);
    const share = JSON.stringify(list!.blocks).includes("share_with_channel")
      ? (list!.blocks ?? [])
          .flatMap((block) => ("elements" in block ? (block.elements as Button[]) : []))
          .find((element) => element.action_id === "share_with_channel")
      : undefined;
    expect(share?.value).toBeDefined();
    const shared = interaction({ action_id: "share_with_channel", type: "button", value: share!.value });
    await shared.send();
    const [sharedPost] = await answersTo(shared.responseUrl, 2);
    expect(sharedPost!.response_type).toBe("in_channel");

    const refreshed = interaction(
      { action_id: "refresh_trucks", type: "button", value: JSON.stringify({ places: ["DC - Farragut Square"] }) },
      false,
    );
    await refreshed.send();
    const [post] = await answersTo(refreshed.responseUrl);
    expect(post).toMatchObject({ response_type: "in_channel", replace_original: true });
    expect(JSON.stringify(post!.blocks)).toContain("District Taco");
  });
});

describe("when phase 2 keeps failing", () => {
  it("retries, then the dead-letter queue tells the asker once", async () => {
    const responseUrl = nextResponseUrl("commands");
    // A job phase 2 cannot read crashes it on every try.
    const broken = {
      requestId: "r-broken",
      receivedAtMs: Date.now(),
      asker: { command: "/foodtrucks", responseUrl, userId: "U0ASKER", teamId: "T0TEST" },
      request: { kind: "named-places", places: null },
    };
    await (await worker.mf.getQueueProducer("JOBS")).send(broken);
    const posts = await answersTo(responseUrl);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toMatch(/something went wrong while I was looking up the food trucks/);
    const crashes = worker.logs.filter((line) => line.msg === "fulfil crashed" && line.requestId === "r-broken");
    expect(crashes).toHaveLength(3);
    expect(JSON.stringify(worker.logs)).not.toContain(responseUrl);
  });
});

describe("daily digests on the cron", () => {
  it("posts each due digest once to its webhook secret, however often the cron fires that minute", async () => {
    const worker_ = await worker.mf.getWorker();
    // Monday 2025-03-03, 11:30 in New York.
    const scheduledTime = new Date("2025-03-03T16:30:00Z");
    await worker_.scheduled({ cron: "* * * * *", scheduledTime });
    await worker_.scheduled({ cron: "* * * * *", scheduledTime: new Date(scheduledTime.getTime() + 2_000) });
    const posts = await answersTo(WEBHOOK_SECRET_VALUE);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.blocks)).toContain("District Taco");
    expect(JSON.stringify(posts[0]!.blocks)).toContain("daily digest");
  });

  it("posts nothing in a minute no digest is due", async () => {
    await (
      await worker.mf.getWorker()
    ).scheduled({ cron: "* * * * *", scheduledTime: new Date("2025-03-03T16:31:00Z") });
    await settle();
    expect(catcher.requests).toHaveLength(0);
  });
});

describe("a tracker in trouble", () => {
  let troubled: LoopbackServer;
  let faulty: RunningWorker;
  let mode: "down" | "hang" = "down";
  beforeAll(async () => {
    troubled = await startLoopbackServer((_request, response) => {
      if (mode === "down") response.writeHead(500).end("down");
      // "hang": never answers.
    });
    faulty = await startWorker({
      TRACKER_URL: `${troubled.url}/list/`,
      SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
      FULFIL_DEADLINE_MS: "1500",
    });
  }, 60_000);
  afterAll(async () => {
    await faulty?.dispose();
    await troubled?.close();
  });

  async function askFaulty(text: string) {
    const responseUrl = nextResponseUrl("commands");
    const body = commandBody(text, responseUrl);
    const ack = await faulty.request("/slack/commands", { method: "POST", headers: signedHeaders(body), body });
    expect(ack.status).toBe(200);
    return answersTo(responseUrl);
  }

  it("a tracker answering 500 gets the asker a plain explanation", async () => {
    mode = "down";
    const posts = await askFaulty("farragut");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toMatch(/tracker/i);
  });

  it("a hanging tracker gets the asker the too-slow message within the deadline", async () => {
    mode = "hang";
    const posts = await askFaulty("farragut");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toMatch(/slow/i);
  });
});

describe("configuration checked at the first request", () => {
  it("is read once per isolate, not per request", () => {
    expect(worker.logs.filter((line) => line.msg === "configured")).toHaveLength(1);
  });

  it("a missing signing secret is a 500 with a generic body and a log line naming the variable", async () => {
    const misconfigured = await startWorker({ SLACK_SIGNING_SECRET: null, TRACKER_URL: "http://127.0.0.1:9/x" });
    try {
      const body = commandBody("farragut", "http://127.0.0.1:9/r");
      const response = await misconfigured.request("/slack/commands", {
        method: "POST",
        headers: signedHeaders(body),
        body,
      });
      expect(response.status).toBe(500);
      expect(await response.text()).toBe("slacktrux is not configured correctly: see the Worker's logs");
      expect((await misconfigured.request("/healthz")).status).toBe(500);
      await eventually(
        () => misconfigured.logs.some((line) => line.msg === "configuration error"),
        "the configuration error's log line",
      );
      const logged = misconfigured.logs.find((line) => line.msg === "configuration error");
      expect(logged?.reason).toMatch(/^SLACK_SIGNING_SECRET is not set/);
    } finally {
      await misconfigured.dispose();
    }
  });

  it("a tracker file path is refused, by name and without its value", async () => {
    const misconfigured = await startWorker({ TRACKER_URL: "/srv/secret-place/page.html" });
    try {
      expect((await misconfigured.request("/healthz")).status).toBe(500);
      await eventually(
        () => misconfigured.logs.some((line) => line.msg === "configuration error"),
        "the configuration error's log line",
      );
      const logged = misconfigured.logs.find((line) => line.msg === "configuration error");
      expect(logged?.reason).toMatch(/^TRACKER_URL must be an http\(s\) URL on Cloudflare Workers/);
      expect(JSON.stringify(misconfigured.logs)).not.toContain("secret-place");
    } finally {
      await misconfigured.dispose();
    }
  });

  it("a selector css-select refuses is refused by name before any request is served", async () => {
    const misconfigured = await startWorker({
      TRACKER_KIND: "selectors",
      // Good syntax, but a pseudo-class css-select does not know: only compiling them finds it.
      TRACKER_SELECTORS: '{"container": "main", "placeHeading": "h3:nope", "truckLink": "a"}',
      TRACKER_URL: "https://pods.example/",
    });
    try {
      expect((await misconfigured.request("/healthz")).status).toBe(500);
      await eventually(
        () => misconfigured.logs.some((line) => line.msg === "configuration error"),
        "the configuration error's log line",
      );
      const logged = misconfigured.logs.find((line) => line.msg === "configuration error");
      expect(logged?.reason).toMatch(/^TRACKER_SELECTORS has an invalid CSS selector in "placeHeading": /);
    } finally {
      await misconfigured.dispose();
    }
  });
});
