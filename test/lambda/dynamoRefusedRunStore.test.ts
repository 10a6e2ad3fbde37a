// The DynamoDB store of runs refused for their bot token, through signed calls to the loopback AWS
// stand-in, in the subscriptions table as deployed: a record per subscription and day, updated when
// refused again, with its TTL; invisible to the subscriptions' own reads (a minute's due runs, a
// workspace's subscriptions); and a record whose subscription is gone forgotten by the tick's finder.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/observe/log.js";
import { awsServiceFromEnv } from "../../src/runtimes/lambda/aws/awsService.js";
import { createDynamoRefusedRunStore } from "../../src/runtimes/lambda/aws/dynamoRefusedRunStore.js";
import {
  createDynamoSubscriptionStore,
  createDynamoTeamSubscriptionsForgetter,
} from "../../src/runtimes/lambda/aws/dynamoSubscriptionStore.js";
import { refusedRunsDue } from "../../src/subscriptions/refusedRuns.js";
import type { RefusedRun } from "../../src/subscriptions/refusedRunStore.js";
import type { ChannelDigest } from "../../src/subscriptions/subscription.js";
import { startAwsStub, TEST_CREDENTIALS, type AwsStub } from "../helpers/awsStub.js";
import { DynamoTableStub } from "../helpers/dynamoTableStub.js";

const TABLE = "slacktrux-subscriptions";
let aws: AwsStub;
const table = new DynamoTableStub();

beforeAll(async () => {
  aws = await startAwsStub({ tables: { [TABLE]: table } });
});
afterAll(() => aws?.close());

const options = () => ({
  table: TABLE,
  dynamodb: awsServiceFromEnv("dynamodb", { ...TEST_CREDENTIALS, AWS_ENDPOINT_URL: aws.url }),
  log: silentLogger,
});

const digest = (id: string, teamId: string, channelId: string): ChannelDigest => ({
  kind: "digest",
  id,
  teamId,
  channelId,
  places: ["farragut"],
  time: "11:30",
  timeZone: "America/New_York",
  days: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
  createdBy: "U1",
  createdAt: "2026-12-01T12:00:00.000Z",
});

const refused = (subscriptionId: string, teamId: string, fields: Partial<RefusedRun> = {}): RefusedRun => ({
  subscriptionId,
  teamId,
  timeZone: "America/New_York",
  time: "11:30",
  day: "2026-12-02",
  dueAt: "2026-12-02T16:30:00.000Z",
  lastTriedMs: Date.parse("2026-12-02T16:30:00.000Z"),
  ...fields,
});

describe("DynamoDB refused-run store", () => {
  it("saves a record per subscription and day, with a TTL two days after the run, and updates its last try", async () => {
    const store = createDynamoRefusedRunStore(options());
    await store.save(refused("d1", "T1"));
    await store.save(refused("d1", "T1", { day: "2026-12-03", dueAt: "2026-12-03T16:30:00.000Z" }));
    const later = Date.parse("2026-12-02T18:00:00.000Z");
    await store.save(refused("d1", "T1", { lastTriedMs: later }));
    const sortByDay = (runs: RefusedRun[]) => runs.sort((a, b) => a.day.localeCompare(b.day));
    expect(sortByDay(await store.list())).toEqual([
      refused("d1", "T1", { lastTriedMs: later }),
      refused("d1", "T1", { day: "2026-12-03", dueAt: "2026-12-03T16:30:00.000Z" }),
    ]);
    const item = [...table.items.values()].find((i) => i.sk?.S === "d1#2026-12-02");
    expect(item?.expiresAt?.N).toBe(String(Date.parse("2026-12-04T16:30:00.000Z") / 1000));
    await store.delete("d1", "2026-12-02");
    await store.delete("d1", "2026-12-03");
    expect(await store.list()).toEqual([]);
  });

  it("is not read as a subscription, and a record whose subscription is gone is forgotten by the tick", async () => {
    const subscriptions = createDynamoSubscriptionStore(options());
    const store = createDynamoRefusedRunStore(options());
    await subscriptions.add(digest("d7", "T7", "C7"), 5);
    await subscriptions.add(digest("d8", "T8", "C8"), 5);
    await store.save(refused("d7", "T7"));
    await store.save(refused("d8", "T8"));
    expect((await subscriptions.at("America/New_York", "11:30")).map((s) => s.id).sort()).toEqual(["d7", "d8"]);
    expect(await createDynamoTeamSubscriptionsForgetter(options())("T7")).toBe(1);
    // 13:10 in New York: both records are due a retry; d7's subscription is gone.
    const due = await refusedRunsDue(
      new Date("2026-12-02T18:10:00Z"),
      await store.list(),
      { store: subscriptions, refused: store },
      30,
    );
    expect(due.map((run) => [run.subscription.id, run.dueAt, run.refused])).toEqual([
      ["d8", "2026-12-02T16:30:00.000Z", true],
    ]);
    expect((await store.list()).map((run) => run.subscriptionId)).toEqual(["d8"]);
  });
});
