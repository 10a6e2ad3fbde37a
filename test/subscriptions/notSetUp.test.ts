// Without SLACK_BOT_TOKEN, `daily` and `follow` say plainly what to set, and save nothing.
import { afterEach, expect, it } from "vitest";
import { eventually, startSlackCatcher, type LoopbackServer } from "../helpers/loopbackServer.js";
import { startLocalApp, type LocalApp } from "../helpers/localApp.js";
import { commandBody, signedHeaders } from "../helpers/slackRequest.js";

const fixture = new URL("../fixtures/foodtruckfiesta/dc-with-sol-mexican.html", import.meta.url).pathname;
let app: LocalApp;
let slack: LoopbackServer;
afterEach(async () => {
  await app.local.close();
  await slack.close();
});

it.each(["daily 11:30 farragut", "follow sol mexican", "daily off", "following"])(
  "answers %j without a bot token with what to set",
  async (text) => {
    slack = await startSlackCatcher();
    app = await startLocalApp({ TRACKER_URL: fixture, SLACK_RESPONSE_URL_HOSTS: "127.0.0.1" });
    const body = commandBody(text, `${slack.url}/commands/1`);
    const ack = await fetch(`${app.baseUrl}/slack/commands`, { method: "POST", headers: signedHeaders(body), body });
    expect(await ack.json()).toMatchObject({ response_type: "ephemeral", text: "One moment…" });
    await eventually(() => slack.requests.length === 1, "the answer");
    const answer = JSON.parse(slack.requests[0]!.body) as { response_type: string; text: string };
    expect(answer.response_type).toBe("ephemeral");
    expect(answer.text).toContain("`SLACK_BOT_TOKEN`");
    expect(answer.text).toContain("and restart it");
    expect(answer.text).not.toContain("botTokenParameter");
  },
);
