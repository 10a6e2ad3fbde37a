// Issue 12's "done when", on AWS, with both deployed bundles over loopback: signed commands go
// through the receiver and Lambda's async invoke to the worker, which saves in DynamoDB (a
// loopback stand-in with the subscriptions table); EventBridge Scheduler's minute tick is the
// event `{"kind": "tick", "time": …}` handed to the worker, which posts through a stand-in for
// Slack's Web API with the bot token it reads from SSM.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Receiver } from "../../src/runtimes/lambda/receiver.js";
import type { Worker } from "../../src/runtimes/lambda/worker.js";
import type { TickReport } from "../../src/app/createApp.js";
import { eventually, startSlackCatcher, startTrackerServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { commandBody, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";
import { startAwsStub, TEST_CREDENTIALS, type AwsStub } from "../helpers/awsStub.js";
import { DynamoTableStub } from "../helpers/dynamoTableStub.js";
import { startSlackWebApiStub, TEST_BOT_TOKEN, type SlackWebApiStub } from "../helpers/slackWebApiStub.js";
import { importBundle, restoreEnv } from "../lambda/bundle.js";
import { functionUrlEvent } from "../helpers/functionUrlEvents.mjs";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-with-sol-mexican.html", import.meta.url), "utf8");

let aws: AwsStub;
let table: DynamoTableStub;
let tracker: LoopbackServer;
let responses: LoopbackServer;
let slackApi: SlackWebApiStub;
let receiver: Receiver;
let worker: Worker;
let logs: string[];
const outcomes: ReturnType<Worker>[] = [];

beforeAll(async () => {
  table = new DynamoTableStub();
  aws = await startAwsStub({
    parameters: { "/slacktrux/signing-secret": TEST_SECRET, "/slacktrux/bot-token": TEST_BOT_TOKEN },
    tables: { "slacktrux-subscriptions": table },
    onInvoke: (functionName, payload) => {
      if (functionName === "slacktrux-worker") outcomes.push(worker(payload));
    },
  });
  [tracker, responses, slackApi] = await Promise.all([
    startTrackerServer(fixture),
    startSlackCatcher(),
    startSlackWebApiStub(),
  ]);
  const env = {
    ...TEST_CREDENTIALS,
    AWS_ENDPOINT_URL: aws.url,
    SLACK_SIGNING_SECRET_PARAMETER: "/slacktrux/signing-secret",
    WORKER_FUNCTION_NAME: "slacktrux-worker",
    CLAIMS_TABLE: "slacktrux-claims",
    SUBSCRIPTIONS_TABLE: "slacktrux-subscriptions",
    SLACK_BOT_TOKEN_PARAMETER: "/slacktrux/bot-token",
    SLACK_API_URL: slackApi.apiUrl,
    TRACKER_URL: `${tracker.url}/dc-food-truck-list/`,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
  };
  logs = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    logs.push(String(chunk));
    return true;
  });
  receiver = await importBundle<Receiver>("receiver", env);
  worker = await importBundle<Worker>("worker", env);
});

afterAll(async () => {
  vi.restoreAllMocks();
  restoreEnv();
  await Promise.all([aws.close(), tracker.close(), responses.close(), slackApi.close()]);
  expect(logs.join("")).not.toContain(TEST_BOT_TOKEN);
});

let commands = 0;
async function command(text: string) {
  const responsePath = `/commands/T0TEST/${++commands}/secret`;
  const body = commandBody(text, `${responses.url}${responsePath}`);
  const invoked = outcomes.length;
  const ack = await receiver(functionUrlEvent({ body, headers: signedHeaders(body) }));
  expect(ack.statusCode).toBe(200);
  await eventually(() => outcomes.length > invoked, `the worker for "${text}"`);
  await outcomes[invoked];
  const answer = responses.requests.find((r) => r.url === responsePath)!;
  return JSON.parse(answer.body) as { response_type?: string; text: string };
}

const tick = (time: string) => worker({ kind: "tick", time }) as Promise<TickReport>;

describe("subscriptions set up from Slack, on AWS", () => {
  it("confirms `daily 11:30 farragut` and `follow sol mexican`, saved in DynamoDB", async () => {
    const daily = await command("daily 11:30 farragut");
    expect(daily.response_type).toBe("in_channel");
    expect(daily.text).toContain("<@U0ASKER> set up a daily post for this channel: the trucks at DC - Farragut Square");
    const follow = await command("follow sol mexican");
    expect(follow.text).toContain("You follow *Sol Mexican Grill*");
    const saved = [...table.items.values()];
    expect(
      saved
        .map((item) => item.due?.S)
        .filter(Boolean)
        .sort(),
    ).toEqual(["America/New_York#10:30", "America/New_York#11:30"]);
    // Only what running it needs: no response_url, no message text.
    expect(JSON.stringify(saved)).not.toContain("secret");
  });

  it("a tick at 16:30Z posts Farragut's trucks to the channel; at 15:30Z it DMs the follower", async () => {
    expect((await tick("2026-12-02T16:30:00Z")).outcomes).toEqual({ posted: 1 });
    expect((await tick("2026-12-02T15:30:00Z")).outcomes).toEqual({ posted: 1 });
    const [digest, dm] = slackApi.posts();
    expect(digest!.channel).toBe("C0TEST");
    expect(digest!.blocks).toContain("District Taco");
    expect(digest!.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
    expect(dm!.channel).toBe("U0ASKER");
    expect(dm!.text).toContain("Sol Mexican Grill* is out today at DC - Union Station");
    // Due subscriptions are found by Query on the due index, never a Scan.
    const targets = aws.requests.map((request) => String(request.headers["x-amz-target"]));
    expect(targets).not.toContain("DynamoDB_20120810.Scan");
    expect(targets).toContain("DynamoDB_20120810.Query");
  });

  it("a repeated tick posts nothing new, nor does a Saturday's", async () => {
    expect((await tick("2026-12-02T16:30:00Z")).outcomes).toEqual({ duplicate: 1 });
    expect((await tick("2026-12-02T15:30:00Z")).outcomes).toEqual({ duplicate: 1 });
    expect((await tick("2026-12-05T16:30:00Z")).due).toBe(0);
    expect(slackApi.posts()).toHaveLength(2);
  });

  it("after `daily off`, no digest is posted", async () => {
    const off = await command("daily off");
    expect(off.text).toContain("removed this channel's 1 daily post");
    expect((await tick("2026-12-03T16:30:00Z")).due).toBe(0);
    expect(slackApi.posts()).toHaveLength(2);
  });

  it("a channel Slack refuses stops its digest and tells who set it up; a refused token is loud", async () => {
    await command("daily 12:00 franklin");
    slackApi.refuse.set("C0TEST", "is_archived");
    expect((await tick("2026-12-03T17:00:00Z")).outcomes).toEqual({ stopped: 1 });
    const told = slackApi.posts().at(-1)!;
    expect(told.channel).toBe("U0ASKER");
    expect(told.text).toContain("the channel was archived");
    expect((await tick("2026-12-04T17:00:00Z")).due).toBe(0);

    slackApi.refuse.set("U0ASKER", "token_revoked");
    expect((await tick("2026-12-03T15:30:00Z")).outcomes).toEqual({ "auth-failed": 1 });
    const lines = logs.join("");
    expect(lines).toMatch(/"level":"error".*Slack refused the bot token/);
    expect(lines).toContain('"SlackAuthErrors":1');
  });
});
