// End to end over real loopback HTTP: Slack (this test) → local server → tracker server, and
// phase 2's answer arriving at a response_url catcher.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/observe/log.js";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import { commandBody, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";
import { useRoundTrip } from "../helpers/roundTrip.js";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url), "utf8");

const logLines: string[] = [];
const trip = useRoundTrip(fixture, {
  trackerPath: "/dc-food-truck-list/",
  log: createLogger((line) => logLines.push(line)),
});
const responseUrl = () => trip.responseUrl();

async function send(body: string, headers: Record<string, string>) {
  const response = await fetch(trip.baseUrl + "/slack/commands", { method: "POST", headers, body });
  return { status: response.status, text: await response.text() };
}

const posted = () => trip.posted();

describe("POST /slack/commands on the local server", () => {
  it("acknowledges at once, then posts the Farragut Square trucks to response_url", async () => {
    const body = commandBody("farragut", responseUrl());
    const ack = await send(body, signedHeaders(body));

    expect(ack.status).toBe(200);
    const ackMessage = JSON.parse(ack.text) as SlackMessage;
    expect(ackMessage.response_type).toBe("ephemeral");
    expect(ackMessage.text).toMatch(/Looking up food trucks at farragut/);

    await trip.local.idle();
    expect(trip.catcher.requests).toHaveLength(1);
    const [message] = posted();
    expect(message!.response_type).toBe("in_channel");
    const blocksJson = JSON.stringify(message!.blocks);
    expect(blocksJson).toContain("DC - Farragut Square");
    for (const truck of [
      "District Taco",
      "Pho-bachi",
      "Astro Fried Chicken and Doughnuts",
      "Pedro &amp; Vinny’s",
      "Red Hook Lobster Pound",
    ]) {
      expect(blocksJson).toContain(truck);
    }
    expect(blocksJson).toContain("<http://twitter.com/districttaco|District Taco>");
    expect(blocksJson).toContain("<@U0ASKER>");
    expect(blocksJson).not.toContain("Franklin");
    expect(message!.text).toContain("District Taco");
  });

  it("answers help in phase 1 without handing off", async () => {
    const body = commandBody("help", responseUrl());
    const ack = await send(body, signedHeaders(body));
    expect(ack.status).toBe(200);
    expect(ack.text).toContain("/foodtrucks");
    await trip.local.idle();
    expect(trip.catcher.requests).toHaveLength(0);
  });

  it("suggests the right place for a near miss instead of guessing", async () => {
    const body = commandBody("farrgut", responseUrl());
    await send(body, signedHeaders(body));
    await trip.local.idle();
    const [message] = posted();
    expect(message!.response_type).toBe("ephemeral");
    expect(JSON.stringify(message)).toContain("Farragut Square");
    expect(JSON.stringify(message)).toMatch(/did you mean/i);
  });

  it("lists the places with their truck counts", async () => {
    const body = commandBody("list", responseUrl());
    await send(body, signedHeaders(body));
    await trip.local.idle();
    const text = JSON.stringify(posted()[0]);
    expect(text).toContain("DC - Farragut Square");
    expect(text).toContain("VA - Ballston");
  });

  it("refuses a bad signature with 401 and hands nothing off", async () => {
    const body = commandBody("farragut", responseUrl());
    const response = await send(body, signedHeaders(body, { secret: "not-the-secret" }));
    expect(response.status).toBe(401);
    expect(response.text).toBe("signature mismatch");
    await trip.local.idle();
    expect(trip.catcher.requests).toHaveLength(0);
  });

  it("refuses a stale timestamp with 401 and hands nothing off", async () => {
    const body = commandBody("farragut", responseUrl());
    const response = await send(body, signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(response.status).toBe(401);
    await trip.local.idle();
    expect(trip.catcher.requests).toHaveLength(0);
  });

  it("refuses a body altered after signing", async () => {
    const body = commandBody("farragut", responseUrl());
    const response = await send(body.replace("farragut", "franklin"), signedHeaders(body));
    expect(response.status).toBe(401);
    await trip.local.idle();
    expect(trip.catcher.requests).toHaveLength(0);
  });

  it("serves /healthz and nothing else", async () => {
    expect((await fetch(trip.baseUrl + "/healthz")).status).toBe(200);
    expect((await fetch(trip.baseUrl + "/nope")).status).toBe(404);
    expect((await fetch(trip.baseUrl + "/slack/commands")).status).toBe(405);
  });

  it("never logs the response_url, the signature or the secret", async () => {
    const url = responseUrl();
    const body = commandBody("farragut", url);
    const headers = signedHeaders(body);
    await send(body, headers);
    await trip.local.idle();
    const logs = logLines.join("\n");
    expect(logs).toContain('"phase":"fulfil"');
    expect(logs).not.toContain(new URL(url).pathname);
    expect(logs).not.toContain(headers["x-slack-signature"]!);
    expect(logs).not.toContain(TEST_SECRET);
  });
});
