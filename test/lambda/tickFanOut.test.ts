// The minute's tick on AWS, fanned out (src/runtimes/lambda/tickFanOut.ts), through the built worker
// bundle: a tick event finds what is due and sends it to the queue in batches (SQS over loopback);
// the queue's events, handed back to the worker as the event source mapping would, post each
// batch with the workspace's bot token; a batch delivered again posts nothing twice, and an
// unreadable one is dropped rather than retried.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Worker } from "../../src/runtimes/lambda/worker.js";
import { awsServiceFromEnv } from "../../src/runtimes/lambda/aws/awsService.js";
import { createDynamoSubscriptionStore } from "../../src/runtimes/lambda/aws/dynamoSubscriptionStore.js";
import { batchesOf } from "../../src/runtimes/lambda/tickFanOut.js";
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

const digest = (id: string, channelId: string): ChannelDigest => ({
  kind: "digest",
  id,
  teamId: "T0TEST",
  channelId,
  places: ["farragut"],
  time: "11:30",
  timeZone: "America/New_York",
  days: ["wed"],
  createdBy: "U0ASKER",
  createdAt: "2026-12-01T12:00:00.000Z",
});

beforeAll(async () => {
  aws = await startAwsStub({
    parameters: { "/slacktrux/bot-token": TEST_BOT_TOKEN },
    tables: { "slacktrux-subscriptions": new DynamoTableStub() },
  });
  [tracker, slackApi] = await Promise.all([startTrackerServer(fixture), startSlackWebApiStub()]);
  const env = {
    ...TEST_CREDENTIALS,
    AWS_ENDPOINT_URL: aws.url,
    CLAIMS_TABLE: "slacktrux-claims",
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
  await store.add(digest("d1", "C0ONE"), 10);
  await store.add(digest("d2", "C0TWO"), 10);
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  worker = await importBundle<Worker>("worker", env);
});

afterAll(async () => {
  vi.restoreAllMocks();
  restoreEnv();
  await Promise.all([aws.close(), tracker.close(), slackApi.close()]);
});

const sqsEvent = (bodies: string[]) => ({
  Records: bodies.map((body, i) => ({ messageId: `m${i}`, body, eventSource: "aws:sqs" })),
});

describe("the minute's tick on AWS, fanned out through a queue", () => {
  it("sends what is due to the queue and posts nothing itself", async () => {
    // 16:30Z on Wednesday 2 December is 11:30 in New York.
    expect(await worker({ kind: "tick", time: "2026-12-02T16:30:00Z" })).toEqual({
      minute: "2026-12-02T16:30:00Z",
      due: 2,
      batches: 1,
    });
    expect(aws.queued.get(QUEUE)).toHaveLength(1);
    expect(slackApi.posts()).toHaveLength(0);
  });

  it("posts each batch from the queue with the bot token, and a batch delivered again posts nothing twice", async () => {
    const bodies = aws.queued.get(QUEUE)!;
    expect(await worker(sqsEvent(bodies))).toEqual({ batchItemFailures: [] });
    expect(
      slackApi
        .posts()
        .map((post) => post.channel)
        .sort(),
    ).toEqual(["C0ONE", "C0TWO"]);
    expect(slackApi.posts()[0]!.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
    expect(await worker(sqsEvent(bodies))).toEqual({ batchItemFailures: [] });
    expect(slackApi.posts()).toHaveLength(2);
  });

  it("drops an unreadable message instead of retrying it for ever", async () => {
    expect(await worker(sqsEvent(["not json", JSON.stringify({ minute: "soon", digests: [] })]))).toEqual({
      batchItemFailures: [],
    });
    expect(slackApi.posts()).toHaveLength(2);
  });
});

describe("cutting due posts into batches", () => {
  it("keeps each batch to the size, and one channel's posts in one batch", () => {
    const many = Array.from({ length: 5 }, (_, i) => digest(`d${i}`, i < 3 ? "C0SAME" : `C0${i}`));
    const batches = batchesOf({ minute: "2026-12-02T16:30:00Z", digests: [], subscriptions: many, earlier: [] }, 2);
    expect(batches.map((batch) => batch.subscriptions.map((s) => s.id))).toEqual([
      ["d3", "d4"],
      ["d0", "d1", "d2"],
    ]);
    expect(batchesOf({ minute: "2026-12-02T16:30:00Z", digests: [], subscriptions: [], earlier: [] })).toEqual([]);
  });

  it("keeps one workspace's refused runs in one batch, apart from the rest", () => {
    const run = (id: string, teamId: string) => ({
      subscription: { ...digest(id, `C0${id}`), teamId },
      dueAt: "2026-12-02T15:30:00.000Z",
      refused: true,
    });
    const refused = [run("a", "T2"), run("b", "T1"), run("c", "T2"), run("d", "T2"), run("e", "T3")];
    const due = { minute: "2026-12-02T16:30:00Z", digests: [], subscriptions: [digest("d9", "C0NINE")], earlier: [] };
    const batches = batchesOf({ ...due, refused }, 2);
    expect(batches.map((batch) => batch.refused?.map((r) => r.subscription.id) ?? [])).toEqual([
      ["b", "a", "c", "d"],
      ["e"],
      [],
    ]);
    expect(batches.map((batch) => batch.subscriptions.map((s) => s.id))).toEqual([[], [], ["d9"]]);
  });
});
