// Delivery against a real loopback "Slack" that fails in the ways Slack can.
import { afterEach, describe, expect, it, vi } from "vitest";
import { startLoopbackServer, type LoopbackServer } from "../../test/helpers/loopbackServer.js";
import type { HttpClient } from "../net/httpRequest.js";
import { createDeliver, deliverMessage, deliverToWebhook } from "./deliverMessage.js";
import { createDeliveryBudget } from "./deliveryBudget.js";
import { parseAllowedHosts } from "./responseUrlPolicy.js";

const loopback = parseAllowedHosts("127.0.0.1");
const noWait = async () => {};
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers with each status in turn, then 200. */
async function slackAnswering(statuses: number[], headers: Record<string, string> = {}) {
  let call = 0;
  server = await startLoopbackServer((_req, res) => {
    const status = statuses[call++] ?? 200;
    res.writeHead(status, status === 200 ? {} : headers);
    res.end(status === 200 ? "ok" : "error");
  });
  return server;
}

describe("deliverMessage", () => {
  it("posts the message as JSON once", async () => {
    const slack = await slackAnswering([]);
    const result = await deliverMessage(
      slack.url + "/r/1",
      { text: "hi", response_type: "in_channel" },
      { allowedHosts: loopback },
    );
    expect(result).toEqual({ ok: true, attempts: 1 });
    expect(slack.requests).toHaveLength(1);
    expect(slack.requests[0]!.headers["content-type"]).toMatch(/application\/json/);
    expect(JSON.parse(slack.requests[0]!.body)).toEqual({ text: "hi", response_type: "in_channel" });
  });

  it("retries 5xx and 429 with backoff, then delivers exactly once", async () => {
    const slack = await slackAnswering([500, 503, 429]);
    const waits: number[] = [];
    const result = await deliverMessage(
      slack.url + "/r/2",
      { text: "hi" },
      { allowedHosts: loopback, sleep: async (ms) => void waits.push(ms), baseDelayMs: 100 },
    );
    expect(result).toEqual({ ok: true, attempts: 4 });
    expect(slack.requests).toHaveLength(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it("honours Retry-After on 429", async () => {
    const slack = await slackAnswering([429], { "retry-after": "2" });
    const waits: number[] = [];
    await deliverMessage(
      slack.url + "/r/3",
      { text: "hi" },
      { allowedHosts: loopback, sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toEqual([2000]);
  });

  it("does not retry a 4xx other than 429", async () => {
    const slack = await slackAnswering([404]);
    const result = await deliverMessage(slack.url + "/r/4", { text: "hi" }, { allowedHosts: loopback, sleep: noWait });
    expect(result).toMatchObject({ ok: false, attempts: 1, reason: "Slack answered HTTP 404" });
    expect(slack.requests).toHaveLength(1);
  });

  it("stays within Slack's five uses of a response_url", async () => {
    const slack = await slackAnswering([500, 500, 500, 500, 500, 500, 500]);
    const result = await deliverMessage(
      slack.url + "/r/5",
      { text: "hi" },
      { allowedHosts: loopback, sleep: noWait, attempts: 9 },
    );
    expect(result.ok).toBe(false);
    expect(slack.requests.length).toBeLessThanOrEqual(5);
  });

  it("does not follow redirects", async () => {
    server = await startLoopbackServer((_req, res) => {
      res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" });
      res.end();
    });
    const result = await deliverMessage(server.url + "/r/6", { text: "hi" }, { allowedHosts: loopback, sleep: noWait });
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("retries a network error and reports it without the URL", async () => {
    const result = await deliverMessage(
      "http://127.0.0.1:1/commands/secret-path",
      { text: "hi" },
      { allowedHosts: loopback, sleep: noWait, attempts: 2 },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.attempts).toBe(2);
      expect(result.reason).not.toContain("secret-path");
    }
  });

  it("refuses a host that is not allowed without sending anything", async () => {
    const slack = await slackAnswering([]);
    const result = await deliverMessage(
      slack.url + "/r/7",
      { text: "hi" },
      { allowedHosts: parseAllowedHosts("hooks.slack.com") },
    );
    expect(result).toMatchObject({ ok: false, attempts: 0 });
    expect(slack.requests).toHaveLength(0);
  });
});

describe("deliverMessage within a job's delivery budget", () => {
  it("counts every try of every message against one response_url: five in all", async () => {
    const slack = await slackAnswering(Array<number>(20).fill(503));
    const budget = createDeliveryBudget({ ms: 60_000 });
    const url = slack.url + "/r/budget";
    const results = [];
    for (const text of ["answer", "follow-up", "delete"]) {
      results.push(await deliverMessage(url, { text }, { allowedHosts: loopback, sleep: noWait }, { budget }));
    }
    expect(slack.requests).toHaveLength(5);
    expect(results.map((result) => result.attempts)).toEqual([4, 1, 0]);
    expect(results.every((result) => !result.ok)).toBe(true);
  });

  it("leaves the POSTs it is asked to spare for the messages that follow", async () => {
    const slack = await slackAnswering(Array<number>(20).fill(503));
    const budget = createDeliveryBudget({ ms: 60_000 });
    const url = slack.url + "/r/spare";
    const options = { allowedHosts: loopback, sleep: noWait, attempts: 9 };
    const answer = await deliverMessage(url, { text: "answer" }, options, { budget, sparePosts: 2 });
    expect(answer.attempts).toBe(3);
    expect(budget.postsLeft(url)).toBe(2);
  });

  it("gives up rather than wait out a Retry-After longer than the time left", async () => {
    const slack = await slackAnswering([503], { "retry-after": "30" });
    const waits: number[] = [];
    const result = await deliverMessage(
      slack.url + "/r/later",
      { text: "hi" },
      { allowedHosts: loopback, sleep: async (ms) => void waits.push(ms) },
      { budget: createDeliveryBudget({ ms: 10_000 }) },
    );
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    if (!result.ok) expect(result.reason).toMatch(/HTTP 503.*outlast the job's delivery budget/);
    expect(waits).toEqual([]);
    expect(slack.requests).toHaveLength(1);
  });

  it("honours a Retry-After that fits in the time left, even past the usual backoff cap", async () => {
    const slack = await slackAnswering([503], { "retry-after": "8" });
    const waits: number[] = [];
    const result = await deliverMessage(
      slack.url + "/r/fits",
      { text: "hi" },
      { allowedHosts: loopback, sleep: async (ms) => void waits.push(ms), maxDelayMs: 1_000 },
      { budget: createDeliveryBudget({ ms: 60_000 }) },
    );
    expect(result).toEqual({ ok: true, attempts: 2 });
    expect(waits).toEqual([8_000]);
  });

  it("cuts a try that hangs at the time left, not at the usual timeout", async () => {
    server = await startLoopbackServer(() => {}); // never answers
    const result = await deliverMessage(
      server.url + "/r/hang",
      { text: "hi" },
      { allowedHosts: loopback, sleep: noWait, timeoutMs: 60_000 },
      { budget: createDeliveryBudget({ ms: 400 }) },
    );
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    if (!result.ok) expect(result.reason).toMatch(/did not answer within ([1-3]\d\d|400) ms/);
  });

  it("sends nothing once too little time is left for a try", async () => {
    const slack = await slackAnswering([]);
    let now = 0;
    const budget = createDeliveryBudget({ ms: 1_000, nowMs: () => now });
    now = 900;
    const result = await deliverMessage(slack.url + "/r/late", { text: "hi" }, { allowedHosts: loopback }, { budget });
    expect(result).toMatchObject({ ok: false, attempts: 0 });
    expect(slack.requests).toHaveLength(0);
  });
});

describe("deliverToWebhook", () => {
  it("posts to the webhook's own host without response_type", async () => {
    const slack = await slackAnswering([]);
    const result = await deliverToWebhook(slack.url + "/services/T/B/x", { text: "hi", response_type: "in_channel" });
    expect(result.ok).toBe(true);
    expect(JSON.parse(slack.requests[0]!.body)).toEqual({ text: "hi" });
  });

  it("refuses what is not a URL without throwing", async () => {
    const result = await deliverToWebhook("not a url", { text: "hi" });
    expect(result).toMatchObject({ ok: false, attempts: 0 });
  });
});

describe("deliverMessage's retries, on a clock it does not wait for", () => {
  const url = "https://hooks.slack.test/commands/T1/1/secret";
  const slackHost = parseAllowedHosts("hooks.slack.test");

  /**
   * A Slack that answers each try with the next status (then 200), on a clock that only moves when
   * delivery sleeps, recording each try's time limit and each wait.
   */
  function scriptedSlack(statuses: number[], headers: Record<string, string> = {}) {
    let now = 0;
    const tries: { at: number; timeoutMs: number | undefined; maxBodyBytes: number | undefined }[] = [];
    const waits: number[] = [];
    const http: HttpClient = async (_url, options = {}) => {
      const status = statuses[tries.length] ?? 200;
      tries.push({ at: now, timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes });
      return { status, headers: status === 200 ? {} : headers, body: Buffer.from("") };
    };
    const sleep = async (ms: number) => {
      waits.push(ms);
      now += ms;
    };
    const budget = (ms: number) => createDeliveryBudget({ ms, nowMs: () => now });
    return { http, sleep, budget, tries, waits };
  }

  it("backs off between tries but not after the last one", async () => {
    const slack = scriptedSlack([503, 503, 503, 503, 503]);
    const result = await deliverMessage(url, { text: "hi" }, { allowedHosts: slackHost, ...slack, baseDelayMs: 100 });
    expect(result).toEqual({ ok: false, attempts: 4, reason: "Slack answered HTTP 503" });
    expect(slack.waits).toEqual([100, 200, 400]);
  });

  it("by default tries four times, 300 ms apart at first, doubling", async () => {
    const slack = scriptedSlack([500, 500, 500, 500, 500]);
    const result = await deliverMessage(url, { text: "hi" }, { allowedHosts: slackHost, ...slack });
    expect(result).toMatchObject({ ok: false, attempts: 4 });
    expect(slack.waits).toEqual([300, 600, 1_200]);
    expect(slack.tries.map((t) => t.timeoutMs)).toEqual([5_000, 5_000, 5_000, 5_000]);
  });

  it("caps the backoff, and stops waiting once the URL's last POST is spent", async () => {
    const slack = scriptedSlack(Array<number>(9).fill(503));
    const result = await deliverMessage(
      url,
      { text: "hi" },
      {
        allowedHosts: slackHost,
        ...slack,
        attempts: 9,
        baseDelayMs: 1_000,
        maxDelayMs: 2_500,
      },
    );
    expect(result).toMatchObject({ ok: false, attempts: 5 });
    expect(slack.waits).toEqual([1_000, 2_000, 2_500, 2_500]);
  });

  it("does not wait after the last try its share allows", async () => {
    const slack = scriptedSlack(Array<number>(9).fill(503));
    const budget = slack.budget(60_000);
    const result = await deliverMessage(
      url,
      { text: "hi" },
      { allowedHosts: slackHost, ...slack, attempts: 9 },
      {
        budget,
        sparePosts: 2,
      },
    );
    expect(result).toMatchObject({ ok: false, attempts: 3 });
    expect(slack.waits).toHaveLength(2);
  });

  it("waits only when a try still fits after the wait, with a quarter second to spare", async () => {
    const fits = scriptedSlack([503, 503]);
    const first = await deliverMessage(
      url,
      { text: "hi" },
      { allowedHosts: slackHost, ...fits, baseDelayMs: 750 },
      {
        budget: fits.budget(1_000),
      },
    );
    expect(fits.waits).toEqual([750]);
    expect(fits.tries.map((t) => [t.at, t.timeoutMs])).toEqual([
      [0, 1_000],
      [750, 250],
    ]);
    expect(first).toMatchObject({ ok: false, attempts: 2 });

    const tooLong = scriptedSlack([503]);
    const second = await deliverMessage(
      url,
      { text: "hi" },
      { allowedHosts: slackHost, ...tooLong, baseDelayMs: 751 },
      {
        budget: tooLong.budget(1_000),
      },
    );
    expect(tooLong.waits).toEqual([]);
    expect(second).toEqual({
      ok: false,
      attempts: 1,
      reason: "Slack answered HTTP 503; the next try (in 1 s) would outlast the job's delivery budget",
    });
  });

  it("starts a try with a quarter second left, but not with less", async () => {
    const enough = scriptedSlack([]);
    expect(
      await deliverMessage(url, { text: "hi" }, { allowedHosts: slackHost, ...enough }, { budget: enough.budget(250) }),
    ).toEqual({
      ok: true,
      attempts: 1,
    });
    expect(enough.tries.map((t) => t.timeoutMs)).toEqual([250]);

    const tooLittle = scriptedSlack([]);
    const result = await deliverMessage(
      url,
      { text: "hi" },
      { allowedHosts: slackHost, ...tooLittle },
      {
        budget: tooLittle.budget(249),
      },
    );
    expect(result).toEqual({ ok: false, attempts: 0, reason: "no POSTs or time left in the job's delivery budget" });
    expect(tooLittle.tries).toEqual([]);
  });

  it("keeps the time later messages need out of each try's time limit", async () => {
    const slack = scriptedSlack([]);
    await deliverMessage(
      url,
      { text: "hi" },
      { allowedHosts: slackHost, ...slack, timeoutMs: 60_000 },
      {
        budget: slack.budget(10_000),
        spareMs: 7_000,
      },
    );
    expect(slack.tries.map((t) => t.timeoutMs)).toEqual([3_000]);
  });

  it("reads at most 64 KiB of Slack's answer", async () => {
    const slack = scriptedSlack([]);
    await deliverMessage(url, { text: "hi" }, { allowedHosts: slackHost, ...slack });
    expect(slack.tries.map((t) => t.maxBodyBytes)).toEqual([64 * 1024]);
  });

  it("gives a message sent on its own thirty seconds", async () => {
    const slack = scriptedSlack([]);
    await deliverMessage(url, { text: "hi" }, { allowedHosts: slackHost, http: slack.http, timeoutMs: 60_000 });
    const [limit] = slack.tries.map((t) => t.timeoutMs);
    expect(limit).toBeGreaterThan(29_000);
    expect(limit).toBeLessThanOrEqual(30_000);
  });

  it("counts any 2xx as delivered and retries only 429 and 5xx", async () => {
    for (const status of [200, 201, 204, 299]) {
      const slack = scriptedSlack([status]);
      expect(await deliverMessage(url, { text: "hi" }, { allowedHosts: slackHost, ...slack }), String(status)).toEqual({
        ok: true,
        attempts: 1,
      });
    }
    for (const status of [199, 300, 400, 428, 430, 499]) {
      const slack = scriptedSlack([status]);
      expect(await deliverMessage(url, { text: "hi" }, { allowedHosts: slackHost, ...slack }), String(status)).toEqual({
        ok: false,
        attempts: 1,
        reason: `Slack answered HTTP ${status}`,
      });
    }
    for (const status of [429, 500, 599]) {
      const slack = scriptedSlack([status]);
      expect(await deliverMessage(url, { text: "hi" }, { allowedHosts: slackHost, ...slack }), String(status)).toEqual({
        ok: true,
        attempts: 2,
      });
    }
  });

  describe("Retry-After", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    const waitFor = async (retryAfter: string) => {
      const slack = scriptedSlack([429], { "retry-after": retryAfter });
      await deliverMessage(
        url,
        { text: "hi" },
        { allowedHosts: slackHost, ...slack },
        { budget: slack.budget(60_000) },
      );
      return slack.waits;
    };

    it("is read as seconds, fractions and zero included", async () => {
      expect(await waitFor("3")).toEqual([3_000]);
      expect(await waitFor("1.5")).toEqual([1_500]);
      expect(await waitFor("0")).toEqual([0]);
    });

    it("is read as an HTTP date, and a date already past means now", async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date("2026-12-03T12:00:00.000Z"));
      expect(await waitFor("Thu, 03 Dec 2026 12:00:04 GMT")).toEqual([4_000]);
      expect(await waitFor("Thu, 03 Dec 2026 11:59:00 GMT")).toEqual([0]);
    });

    it("falls back to the backoff when it is neither", async () => {
      expect(await waitFor("soon")).toEqual([300]);
      expect(await waitFor("")).toEqual([300]);
      expect(await waitFor("Infinity")).toEqual([300]);
    });

    it("never makes a negative wait", async () => {
      const [wait] = await waitFor("-5");
      expect(wait).toBeGreaterThanOrEqual(0);
    });
  });

  it("sends nothing when allowed no tries, or when only the POSTs to spare are left", async () => {
    const none = scriptedSlack([]);
    expect(await deliverMessage(url, { text: "hi" }, { allowedHosts: slackHost, ...none, attempts: 0 })).toMatchObject({
      ok: false,
      attempts: 0,
    });
    const spare = scriptedSlack([]);
    const budget = spare.budget(60_000);
    for (let taken = 0; taken < 3; taken++) budget.takePost(url);
    expect(
      await deliverMessage(url, { text: "hi" }, { allowedHosts: slackHost, ...spare }, { budget, sparePosts: 2 }),
    ).toMatchObject({
      ok: false,
      attempts: 0,
    });
    expect([...none.tries, ...spare.tries]).toEqual([]);
  });

  it("really waits between tries when no sleep is given", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const slack = scriptedSlack([503]);
      const delivery = deliverMessage(
        url,
        { text: "hi" },
        { allowedHosts: slackHost, http: slack.http, baseDelayMs: 1_000 },
      );
      await vi.advanceTimersByTimeAsync(999);
      expect(slack.tries).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(await delivery).toEqual({ ok: true, attempts: 2 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("is what createDeliver sends with, for any URL and message", async () => {
    const slack = scriptedSlack([503]);
    const deliver = createDeliver({ allowedHosts: slackHost, ...slack });
    expect(await deliver(url, { text: "hi" }, { budget: slack.budget(60_000) })).toEqual({ ok: true, attempts: 2 });
    expect(slack.waits).toEqual([300]);
  });
});

describe("deliverToWebhook's host", () => {
  it("is trusted on the webhook's own port only", async () => {
    const posted: string[] = [];
    const http: HttpClient = async (target) => {
      posted.push(target.href);
      return { status: 200, headers: {}, body: Buffer.from("ok") };
    };
    expect(await deliverToWebhook("https://hooks.example.test/services/T/B/x", { text: "hi" }, { http })).toEqual({
      ok: true,
      attempts: 1,
    });
    expect(await deliverToWebhook("https://hooks.example.test:8443/services/T/B/x", { text: "hi" }, { http })).toEqual({
      ok: true,
      attempts: 1,
    });
    expect(posted).toEqual([
      "https://hooks.example.test/services/T/B/x",
      "https://hooks.example.test:8443/services/T/B/x",
    ]);
  });
});
