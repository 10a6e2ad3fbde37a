// Delivery against a real loopback "Slack" that fails in the ways Slack can.
import { afterEach, describe, expect, it } from "vitest";
import { startLoopbackServer, type LoopbackServer } from "../../test/helpers/loopbackServer.js";
import { deliverMessage, deliverToWebhook } from "./deliverMessage.js";
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
