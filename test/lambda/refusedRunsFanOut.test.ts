// Issue 18's refused token on AWS, through the built worker bundle and the tick's queue (SQS and
// DynamoDB over loopback): a daily post Slack refused for its token at 11:30 is kept in the
// subscriptions table, retried by a later minute's tick in a batch of its own, and posted once the
// token works at 13:10, once.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Worker } from "../../src/runtimes/lambda/worker.js";
import { awsServiceFromEnv } from "../../src/runtimes/lambda/aws/awsService.js";
import { createDynamoSubscriptionStore } from "../../src/runtimes/lambda/aws/dynamoSubscriptionStore.js";
import type { DuePosts } from "../../src/app/duePosts.js";
import type { ChannelDigest } from "../../src/subscriptions/subscription.js";
import { startTrackerServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { startAwsStub, TEST_CREDENTIALS, type AwsStub } from "../helpers/awsStub.js";
import { DynamoTableStub } from "../helpers/dynamoTableStub.js";
import { startSlackWebApiStub, TEST_BOT_TOKEN, type SlackWebApiStub } from "../helpers/slackWebApiStub.js";
import { importBundle, restoreEnv } from "./bundle.js";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-with-sol-mexican.html", import.meta.url), "utf8");
const QUEUE = "https://sqs.us-east-1.amazonaws.com/111122223333/slacktrux-due-posts";

let aws: AwsStub;
let tracker: LoopbackServer;
let slackApi: SlackWebApiStub;
let worker: Worker;
const subscriptions = new DynamoTableStub();

const digest: ChannelDigest = {
  kind: "digest",
  id: "d1",
  teamId: "T0TEST",
  channelId: "C0LUNCH",
  places: ["farragut"],
  time: "11:30",
  timeZone: "America/New_York",
  days: ["wed"],
  createdBy: "U0ASKER",
  createdAt: "2026-12-01T12:00:00.000Z",
};

beforeAll(async () => {
  aws = await startAwsStub({
    parameters: { "/slacktrux/bot-token": TEST_BOT_TOKEN },
    tables: { "slacktrux-subscriptions": subscriptions },
  });
  [tracker, slackApi] = await Promise.all([startTrackerServer(fixture), startSlackWebApiStub()]);
  const env = {
    ...TEST_CREDENTIALS,
    AWS_ENDPOINT_URL: aws.url,
    SUBSCRIPTIONS_TABLE: "slacktrux-subscriptions",
    DUE_POSTS_QUEUE_URL: QUEUE,
    SLACK_BOT_TOKEN_PARAMETER: "/slacktrux/bot-token",
    SLACK_API_URL: slackApi.apiUrl,
    TRACKER_URL: `${tracker.url}/dc-food-truck-list/`,
  };
  const store = createDynamoSubscriptionStore({
    table: "slacktrux-subscriptions",
    dynamodb: awsServiceFromEnv("dynamodb", env),
    log: { info() {}, warn() {}, error() {} },
  });
  await store.add(digest, 10);
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  worker = await importBundle<Worker>("worker", env);
});

afterAll(async () => {
  vi.restoreAllMocks();
  restoreEnv();
  await Promise.all([aws.close(), tracker.close(), slackApi.close()]);
});

/** The minute's tick, then its batches delivered from the queue as the event source mapping would: the batches. */
async function tick(time: string): Promise<DuePosts[]> {
  const queued = aws.queued.get(QUEUE)?.length ?? 0;
  await worker({ kind: "tick", time });
  const bodies = (aws.queued.get(QUEUE) ?? []).slice(queued);
  if (bodies.length > 0)
    await worker({ Records: bodies.map((body, i) => ({ messageId: `m${i}`, body, eventSource: "aws:sqs" })) });
  return bodies.map((body) => JSON.parse(body) as DuePosts);
}

const refusedItems = () => [...subscriptions.items.values()].filter((item) => item.pk?.S === "refused");

describe("a daily post whose token was refused, on AWS", () => {
  it("is posted the same day once the token works, through the tick's queue, and once", async () => {
    slackApi.refuse.set("C0LUNCH", "invalid_auth");
    // 16:30Z on Wednesday 2 December is 11:30 in New York.
    await tick("2026-12-02T16:30:00Z");
    expect(refusedItems().map((item) => item.sk?.S)).toEqual(["d1#2026-12-02"]);
    // 12:05, past the catch-up window: retried, refused again.
    const retried = await tick("2026-12-02T17:05:00Z");
    expect(retried.map((batch) => batch.refused?.map((run) => [run.subscription.id, run.dueAt]))).toEqual([
      [["d1", "2026-12-02T16:30:00.000Z"]],
    ]);
    expect(slackApi.posts()).toHaveLength(2);
    slackApi.refuse.delete("C0LUNCH");
    await tick("2026-12-02T18:10:00Z");
    expect(await tick("2026-12-02T18:11:00Z")).toEqual([]);
    expect(await tick("2026-12-02T18:20:00Z")).toEqual([]);
    expect(slackApi.posts().map((post) => post.channel)).toEqual(["C0LUNCH", "C0LUNCH", "C0LUNCH"]);
    expect(refusedItems()).toEqual([]);
  });
});
