// A misbehaving tracker, end to end through the local server: whatever the tracker does, the
// asker gets exactly one clear message, in time.
import type { ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/observe/log.js";
import { createTestServer } from "../helpers/localApp.js";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import { startLoopbackServer, startSlackCatcher } from "../helpers/loopbackServer.js";
import { commandBody, signedHeaders } from "../helpers/slackRequest.js";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url), "utf8");
const DEADLINE_MS = 800;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

/** Runs one /foodtrucks command against a tracker behaving as `respond` says; returns what the asker received and when. */
async function askWith(
  respond: (res: ServerResponse, call: number) => void,
  text = "farragut",
  extraEnv: Record<string, string> = {},
) {
  let call = 0;
  const tracker = await startLoopbackServer((_req, res) => respond(res, call++));
  const catcher = await startSlackCatcher();
  const local = createTestServer(
    {
      TRACKER_URL: tracker.url + "/list/",
      SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
      FULFIL_DEADLINE_MS: String(DEADLINE_MS),
      ...extraEnv,
    },
    { log: silentLogger },
  );
  const { port } = await local.listen(0);
  cleanup.push(
    () => local.close(),
    () => tracker.close(),
    () => catcher.close(),
  );

  const send = async (commandText: string, id: number) => {
    const body = commandBody(commandText, `${catcher.url}/commands/${id}`);
    const started = Date.now();
    const ack = await fetch(`http://127.0.0.1:${port}/slack/commands`, {
      method: "POST",
      headers: signedHeaders(body),
      body,
    });
    expect(ack.status).toBe(200);
    await local.idle();
    return Date.now() - started;
  };
  const elapsedMs = await send(text, 1);
  const messages = () => catcher.requests.map((request) => JSON.parse(request.body) as SlackMessage);
  return { elapsedMs, messages, tracker, send };
}

const html = (res: ServerResponse, body: string) => res.writeHead(200, { "content-type": "text/html" }).end(body);

describe("the asker always gets one clear answer", () => {
  it.each([
    ["a 500", (res: ServerResponse) => res.writeHead(500).end("boom"), /answered with an error/],
    ["a 404", (res: ServerResponse) => res.writeHead(404).end("gone"), /answered with an error/],
    [
      "JSON instead of HTML",
      (res: ServerResponse) => res.writeHead(200, { "content-type": "application/json" }).end("{}"),
      /isn't its truck list/,
    ],
    [
      "a changed layout",
      (res: ServerResponse) => html(res, "<html><body><h1>New site!</h1></body></html>"),
      /page changed/,
    ],
    [
      "a 30 MB body",
      (res: ServerResponse) =>
        res.writeHead(200, { "content-type": "text/html", "content-length": String(30 * 1024 * 1024) }).end(),
      /isn't its truck list/,
    ],
  ])("when the tracker sends %s", async (_, respond, expected) => {
    const { messages } = await askWith(respond);
    expect(messages()).toHaveLength(1);
    expect(messages()[0]!.response_type).toBe("ephemeral");
    expect(messages()[0]!.text).toMatch(expected);
  });

  it("when the tracker hangs: 'too slow', by the deadline", async () => {
    const { messages, elapsedMs } = await askWith(() => {});
    expect(messages()).toHaveLength(1);
    expect(messages()[0]!.text).toMatch(/too slow/);
    // The fetch gives up just before the deadline, leaving time to answer (from a stale page if any).
    expect(elapsedMs).toBeLessThan(DEADLINE_MS + 500);
  });

  it("when the tracker drips slowly: 'too slow', by the deadline", async () => {
    const { messages, elapsedMs } = await askWith((res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const timer = setInterval(() => res.write("<p>."), 100);
      res.on("close", () => clearInterval(timer));
    });
    expect(messages()[0]!.text).toMatch(/too slow/);
    // The fetch gives up just before the deadline, leaving time to answer (from a stale page if any).
    expect(elapsedMs).toBeLessThan(DEADLINE_MS + 500);
  });

  it("when the tracker is refused: unreachable", async () => {
    const catcher = await startSlackCatcher();
    cleanup.push(() => catcher.close());
    const local = createTestServer(
      { TRACKER_URL: "http://127.0.0.1:1/list/", SLACK_RESPONSE_URL_HOSTS: "127.0.0.1" },
      { log: silentLogger },
    );
    const { port } = await local.listen(0);
    cleanup.push(() => local.close());
    const body = commandBody("farragut", `${catcher.url}/commands/x`);
    await fetch(`http://127.0.0.1:${port}/slack/commands`, { method: "POST", headers: signedHeaders(body), body });
    await local.idle();
    expect(JSON.parse(catcher.requests[0]!.body).text).toMatch(/couldn't reach the food-truck tracker/);
  });

  it("an empty place says no trucks yet", async () => {
    const { messages } = await askWith((res) => html(res, fixture), "metro center");
    expect(messages()[0]!.response_type).toBe("ephemeral");
    expect(JSON.stringify(messages()[0])).toMatch(/No trucks at DC - Metro Center yet/i);
  });

  it("after a good page, a failing tracker still answers, saying how old the list is", async () => {
    const { messages, send } = await askWith(
      (res, call) => (call === 0 ? html(res, fixture) : res.writeHead(503).end()),
      "farragut",
      { TRACKER_CACHE_SECONDS: "0" },
    );
    await send("franklin", 2);
    expect(messages()).toHaveLength(2);
    const second = JSON.stringify(messages()[1]);
    expect(second).toContain("TaKorean");
    expect(second).toMatch(/tracker unreachable/i);
  });

  it("after a good page, a hung tracker still answers from it within the deadline", async () => {
    const { messages, send } = await askWith((res, call) => (call === 0 ? html(res, fixture) : undefined), "farragut", {
      TRACKER_CACHE_SECONDS: "0",
    });
    const elapsed = await send("franklin", 2);
    expect(messages()).toHaveLength(2);
    expect(JSON.stringify(messages()[1])).toContain("TaKorean");
    expect(elapsed).toBeLessThan(DEADLINE_MS + 1_000);
  });
});

describe("delivery to response_url", () => {
  it("a catcher that fails twice then succeeds receives exactly one message", async () => {
    let posts = 0;
    const flaky = await startLoopbackServer((_req, res) => {
      posts++;
      if (posts <= 2) res.writeHead(503).end();
      else res.writeHead(200).end("ok");
    });
    const tracker = await startLoopbackServer((_req, res) => html(res, fixture));
    cleanup.push(
      () => flaky.close(),
      () => tracker.close(),
    );
    const local = createTestServer(
      { TRACKER_URL: tracker.url, SLACK_RESPONSE_URL_HOSTS: "127.0.0.1" },
      { log: silentLogger },
    );
    const { port } = await local.listen(0);
    cleanup.push(() => local.close());
    const body = commandBody("farragut", `${flaky.url}/commands/1`);
    await fetch(`http://127.0.0.1:${port}/slack/commands`, { method: "POST", headers: signedHeaders(body), body });
    await local.idle();
    expect(flaky.requests).toHaveLength(3);
    const delivered = flaky.requests.map((request) => request.body);
    expect(new Set(delivered).size).toBe(1);
    expect(delivered[2]).toContain("District Taco");
  });

  it("the same command handed off twice posts once", async () => {
    const catcher = await startSlackCatcher();
    const tracker = await startLoopbackServer((_req, res) => html(res, fixture));
    cleanup.push(
      () => catcher.close(),
      () => tracker.close(),
    );
    // A hand-off that delivers every job twice, as an async-invoke retry would.
    const local = createTestServer(
      { TRACKER_URL: tracker.url, SLACK_RESPONSE_URL_HOSTS: "127.0.0.1" },
      { log: silentLogger, wrapRunJob: (run) => async (job) => Promise.all([run(job), run(structuredClone(job))]) },
    );
    const { port } = await local.listen(0);
    cleanup.push(() => local.close());
    const body = commandBody("farragut", `${catcher.url}/commands/dup`);
    await fetch(`http://127.0.0.1:${port}/slack/commands`, { method: "POST", headers: signedHeaders(body), body });
    await local.idle();
    expect(catcher.requests).toHaveLength(1);
  });
});
