// SLACK_WEBHOOK_URL end to end: truck lists go to the team's channel through the webhook (its own
// host allowed for that post only), the asker gets a confirmation, and a refused webhook still
// leaves the asker with the trucks.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import { startLocalApp } from "../helpers/localApp.js";
import {
  startLoopbackServer,
  startSlackCatcher,
  startTrackerServer,
  type LoopbackServer,
} from "../helpers/loopbackServer.js";
import { commandBody, signedHeaders } from "../helpers/slackRequest.js";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url), "utf8");
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function run(webhook: LoopbackServer) {
  const tracker = await startTrackerServer(fixture);
  const asker = await startSlackCatcher();
  // The response_url allow-list names only the asker's catcher (host and port): the webhook's
  // port is not on it, so its post can only succeed as the admin-configured webhook.
  const { local, baseUrl } = await startLocalApp({
    TRACKER_URL: tracker.url,
    SLACK_RESPONSE_URL_HOSTS: new URL(asker.url).host,
    SLACK_WEBHOOK_URL: `${webhook.url}/services/T0/B0/webhook-secret`,
  });
  cleanup.push(
    () => local.close(),
    () => tracker.close(),
    () => asker.close(),
    () => webhook.close(),
  );
  const body = commandBody("farragut", `${asker.url}/commands/1`);
  expect(
    (await fetch(`${baseUrl}/slack/commands`, { method: "POST", headers: signedHeaders(body), body })).status,
  ).toBe(200);
  await local.idle();
  const parse = (server: LoopbackServer) => server.requests.map((request) => JSON.parse(request.body) as SlackMessage);
  return { toChannel: parse(webhook), toAsker: parse(asker) };
}

describe("with SLACK_WEBHOOK_URL", () => {
  it("posts the trucks through the webhook and confirms to the asker", async () => {
    const { toChannel, toAsker } = await run(await startSlackCatcher());
    expect(toChannel).toHaveLength(1);
    expect(JSON.stringify(toChannel[0]!.blocks)).toContain("District Taco");
    expect(toChannel[0]!.response_type).toBeUndefined();
    expect(toAsker).toHaveLength(1);
    expect(toAsker[0]).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringMatching(/Posted the food trucks at DC - Farragut Square/),
    });
  });

  it("gives the asker the trucks when the webhook refuses the post", async () => {
    const { toChannel, toAsker } = await run(
      await startLoopbackServer((_req, res) => res.writeHead(404).end("no_service")),
    );
    expect(toChannel).toHaveLength(1);
    expect(toAsker).toHaveLength(1);
    expect(toAsker[0]!.response_type).toBe("in_channel");
    expect(JSON.stringify(toAsker[0]!.blocks)).toContain("District Taco");
  });
});
