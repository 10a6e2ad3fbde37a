// Issue 12's "done when", on Cloudflare Workers: the built Worker in workerd (Miniflare), with the
// bot token as a Worker secret and a loopback stand-in for Slack's Web API. Signed commands go
// through the queue and save in D1; the Cron Trigger (`scheduled`) runs the subscriptions due at
// its minute and posts with chat.postMessage through fetch.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import { eventually, startSlackCatcher, startTrackerServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { commandBody, signedHeaders } from "../helpers/slackRequest.js";
import { startSlackWebApiStub, TEST_BOT_TOKEN, type SlackWebApiStub } from "../helpers/slackWebApiStub.js";
import { startWorker, type RunningWorker } from "../helpers/workerd.js";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-with-sol-mexican.html", import.meta.url), "utf8");

let tracker: LoopbackServer;
let responses: LoopbackServer;
let slackApi: SlackWebApiStub;
let worker: RunningWorker;

beforeAll(async () => {
  [tracker, responses, slackApi] = await Promise.all([
    startTrackerServer(fixture),
    startSlackCatcher(),
    startSlackWebApiStub(),
  ]);
  worker = await startWorker({
    TRACKER_URL: `${tracker.url}/dc-food-truck-list/`,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: slackApi.apiUrl,
  });
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
  await Promise.all([tracker?.close(), responses?.close(), slackApi?.close()]);
});

let commands = 0;
async function command(text: string): Promise<SlackMessage> {
  const responsePath = `/commands/T0TEST/${++commands}/secret`;
  const body = commandBody(text, `${responses.url}${responsePath}`);
  const ack = await worker.request("/slack/commands", { method: "POST", headers: signedHeaders(body), body });
  expect(ack.status).toBe(200);
  await eventually(() => responses.requests.some((r) => r.url === responsePath), `the answer to "${text}"`, 10_000);
  return JSON.parse(responses.requests.find((r) => r.url === responsePath)!.body) as SlackMessage;
}

/** The Cron Trigger firing at `time`; resolves once the Worker's scheduled handler is done. */
async function cron(time: string) {
  const before = worker.logs.length;
  const result = await (await worker.mf.getWorker()).scheduled({ cron: "* * * * *", scheduledTime: new Date(time) });
  expect(result.outcome).toBe("ok");
  // The tick's summary line, when something was due.
  return worker.logs.slice(before).find((line) => line.msg === "tick");
}

describe("subscriptions set up from Slack, on Cloudflare Workers", () => {
  it("confirms `daily 11:30 farragut` and `follow sol mexican`, saved in D1", async () => {
    const daily = await command("daily 11:30 farragut");
    expect(daily.response_type).toBe("in_channel");
    expect(daily.text).toContain("<@U0ASKER> set up a daily post for this channel: the trucks at DC - Farragut Square");
    const follow = await command("follow sol mexican");
    expect(follow.text).toContain("You follow *Sol Mexican Grill*");

    const db = await worker.mf.getD1Database("DB");
    const rows = await db.prepare("SELECT * FROM subscriptions ORDER BY time").all<Record<string, string>>();
    expect(rows.results.map((row) => [row.kind, row.owner_id, row.time, row.time_zone])).toEqual([
      ["follow", "U0ASKER", "10:30", "America/New_York"],
      ["digest", "C0TEST", "11:30", "America/New_York"],
    ]);
    // Only what running it needs: no response_url, no message text.
    expect(JSON.stringify(rows.results)).not.toContain("secret");
  });

  it("the cron at 16:30Z posts Farragut's trucks to the channel; at 15:30Z it DMs the follower", async () => {
    expect(await cron("2026-12-02T16:30:00Z")).toMatchObject({ due: 1, posted: 1 });
    expect(await cron("2026-12-02T15:30:00Z")).toMatchObject({ due: 1, posted: 1 });
    const [digest, dm] = slackApi.posts();
    expect(digest!.channel).toBe("C0TEST");
    expect(digest!.blocks).toContain("District Taco");
    expect(digest!.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
    expect(dm!.channel).toBe("U0ASKER");
    expect(dm!.text).toContain("Sol Mexican Grill* is out today at DC - Union Station");
    expect(slackApi.posts()).toHaveLength(2);
  });

  it("a repeated cron posts nothing new, nor does a Saturday's", async () => {
    expect(await cron("2026-12-02T16:30:00Z")).toMatchObject({ due: 1, duplicate: 1 });
    expect(await cron("2026-12-02T15:30:00Z")).toMatchObject({ due: 1, duplicate: 1 });
    expect(await cron("2026-12-05T16:30:00Z")).toBeUndefined();
    expect(await cron("2026-12-05T15:30:00Z")).toBeUndefined();
    expect(slackApi.posts()).toHaveLength(2);
  });

  it("after `daily off`, no digest is posted", async () => {
    const off = await command("daily off");
    expect(off.text).toContain("removed this channel's 1 daily post");
    expect(await cron("2026-12-03T16:30:00Z")).toBeUndefined();
    expect(slackApi.posts()).toHaveLength(2);
  });

  it("a post Slack fails is retried from the queue, then logged; the next cron of that minute posts once", async () => {
    await command("daily 12:00 franklin");
    slackApi.refuse.set("C0TEST", "fatal_error");
    expect(await cron("2026-12-03T17:00:00Z")).toMatchObject({ due: 1, failed: 1 });
    await eventually(
      () => worker.logs.some((line) => line.msg === "tick failed after retries"),
      "the dead-letter queue's log line",
      10_000,
    );
    const tries = slackApi.posts().filter((post) => post.channel === "C0TEST").length;
    // The 16:30 digest; then the cron's try, the queue's delivery and its two retries.
    expect(tries).toBe(1 + 4);

    slackApi.refuse.delete("C0TEST");
    expect(await cron("2026-12-03T17:00:00Z")).toMatchObject({ due: 1, posted: 1 });
    expect(await cron("2026-12-03T17:00:00Z")).toMatchObject({ due: 1, duplicate: 1 });
    expect(slackApi.posts().at(-1)!.blocks).toContain("TaKorean");
    expect(JSON.stringify(worker.logs)).not.toContain(TEST_BOT_TOKEN);
  });

  it("a post refused for its token at 12:30 is kept in D1 and posted by the cron once the token works, once", async () => {
    await command("daily 12:30 farragut");
    slackApi.refuse.set("C0TEST", "invalid_auth");
    expect(await cron("2026-12-03T17:30:00Z")).toMatchObject({ "auth-failed": 1 });
    const db = await worker.mf.getD1Database("DB");
    const kept = () => db.prepare("SELECT day, due_at FROM refused_runs").all<Record<string, string>>();
    expect((await kept()).results).toEqual([{ day: "2026-12-03", due_at: "2026-12-03T17:30:00.000Z" }]);
    slackApi.refuse.delete("C0TEST");
    const before = slackApi.posts().length;
    // 13:45, past the catch-up window.
    expect(await cron("2026-12-03T18:45:00Z")).toMatchObject({ posted: 1 });
    expect(await cron("2026-12-03T18:46:00Z")).toBeUndefined();
    expect(
      slackApi
        .posts()
        .slice(before)
        .map((post) => post.channel),
    ).toEqual(["C0TEST"]);
    expect((await kept()).results).toEqual([]);
    const posted = worker.logs.find((line) => line.msg === "subscription" && line.minutesLate === 75);
    expect(posted).toMatchObject({ outcome: "posted", dueAt: "2026-12-03T17:30:00.000Z", tokenRefusedBefore: true });
  });
});
