// The DynamoDB installation store, the subscription store's per-team reads and deletes, and the
// saved places, through signed calls to the loopback AWS stand-in: the installation and saved-place
// store contracts the SQL stores run too (test/helpers/installationStoreContract.ts,
// userPlaceStoreContract.ts), and a workspace's subscriptions and places found without a scan.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsServiceFromEnv } from "../../src/runtimes/lambda/aws/awsService.js";
import { createDynamoInstallationStore } from "../../src/runtimes/lambda/aws/dynamoInstallationStore.js";
import {
  createDynamoSubscriptionStore,
  createDynamoTeamSubscriptionsForgetter,
} from "../../src/runtimes/lambda/aws/dynamoSubscriptionStore.js";
import { userPlaceStoreFromEnv } from "../../src/runtimes/lambda/aws/dynamoUserPlaceStore.js";
import type { ChannelDigest, TruckFollow } from "../../src/subscriptions/subscription.js";
import type { Logger } from "../../src/observe/log.js";
import { startAwsStub, TEST_CREDENTIALS, type AwsStub } from "../helpers/awsStub.js";
import { DynamoTableStub } from "../helpers/dynamoTableStub.js";
import { describeInstallationStoreContract } from "../helpers/installationStoreContract.js";
import { describeUserPlaceStoreContract } from "../helpers/userPlaceStoreContract.js";

let aws: AwsStub;
const installationsTable = new DynamoTableStub();
const subscriptionsTable = new DynamoTableStub();

beforeAll(async () => {
  aws = await startAwsStub({
    tables: { "slacktrux-installations": installationsTable, "slacktrux-subscriptions": subscriptionsTable },
  });
});
afterAll(() => aws?.close());

const dynamodb = () => awsServiceFromEnv("dynamodb", { ...TEST_CREDENTIALS, AWS_ENDPOINT_URL: aws.url });
const installations = () => createDynamoInstallationStore({ table: "slacktrux-installations", dynamodb: dynamodb() });

describeInstallationStoreContract("DynamoDB installation store", installations);

const silent: Logger = { info() {}, warn() {}, error() {} };

const digest = (teamId: string, id: string, channelId: string, createdBy: string): ChannelDigest => ({
  kind: "digest",
  id,
  teamId,
  channelId,
  places: ["farragut"],
  time: "11:30",
  timeZone: "America/New_York",
  days: ["mon", "tue"],
  createdBy,
  createdAt: "2026-12-03T12:00:00.000Z",
});

const follow = (teamId: string, id: string, userId: string): TruckFollow => ({
  kind: "follow",
  id,
  teamId,
  userId,
  truck: "Sol Mexican",
  time: "11:00",
  timeZone: "America/New_York",
  days: ["wed"],
  createdBy: userId,
  createdAt: "2026-12-03T12:00:00.000Z",
});

describe("DynamoDB subscriptions by team", () => {
  const options = () => ({ table: "slacktrux-subscriptions", dynamodb: dynamodb(), log: silent });

  it("lists the digests one person set up in any channel of their workspace, and no one else's", async () => {
    const store = createDynamoSubscriptionStore(options());
    await store.add(digest("T1", "d1", "C1", "U1"), 10);
    await store.add({ ...digest("T1", "d2", "C2", "U1"), time: "12:00" }, 10);
    await store.add(digest("T1", "d3", "C1", "U2"), 10);
    await store.add(digest("T9", "d4", "C1", "U1"), 10);
    await store.add(follow("T1", "f1", "U1"), 10);
    const mine = await store.digestsSetBy("T1", "U1");
    expect(mine.map((d) => d.id).sort()).toEqual(["d1", "d2"]);
    expect(mine[0]).toMatchObject({ kind: "digest", teamId: "T1", createdBy: "U1" });
    expect(await store.digestsSetBy("T1", "U3")).toEqual([]);
  });

  it("forgets every daily post and follow of one workspace, says how many, and leaves the others", async () => {
    const store = createDynamoSubscriptionStore(options());
    await store.add(digest("T5", "d5", "C1", "U1"), 10);
    await store.add(follow("T5", "f5", "U2"), 10);
    await store.add(digest("T6", "d6", "C1", "U1"), 10);
    const forget = createDynamoTeamSubscriptionsForgetter(options());
    expect(await forget("T5")).toBe(2);
    expect(await forget("T5")).toBe(0);
    expect(await store.digestsOf("T5", "C1")).toEqual([]);
    expect(await store.followsOf("T5", "U2")).toEqual([]);
    expect((await store.digestsOf("T6", "C1")).map((d) => d.id)).toEqual(["d6"]);
    // The time zones in use stay: the ticks still look there for other workspaces.
    expect(await store.timeZones()).toEqual(["America/New_York"]);
  });
});

describe("DynamoDB saved places (in the subscriptions table)", () => {
  const env = () => ({
    ...TEST_CREDENTIALS,
    AWS_ENDPOINT_URL: aws.url,
    SUBSCRIPTIONS_TABLE: "slacktrux-subscriptions",
  });

  it("is built from SUBSCRIPTIONS_TABLE, and not at all without it", () => {
    expect(userPlaceStoreFromEnv({ ...TEST_CREDENTIALS, AWS_ENDPOINT_URL: aws.url })).toBeUndefined();
    expect(userPlaceStoreFromEnv(env())).toBeDefined();
  });

  describeUserPlaceStoreContract("DynamoDB place store", () => userPlaceStoreFromEnv(env())!);

  it("keeps a workspace's places in one partition, one item per person, so forgetting them is a Query", async () => {
    const places = userPlaceStoreFromEnv(env())!;
    await places.set("T7", "U1", "DC - Farragut Square", Date.parse("2026-12-03T12:00:00Z"));
    await places.set("T7", "U2", "DC - Union Station", Date.parse("2026-12-03T12:02:00Z"));
    const items = [...subscriptionsTable.items.values()].filter((item) => item.pk?.S === "place#T7");
    expect(items.map((item) => item.sk?.S).sort()).toEqual(["U1", "U2"]);
    expect(items.find((item) => item.sk?.S === "U1")).toEqual({
      pk: { S: "place#T7" },
      sk: { S: "U1" },
      place: { S: "DC - Farragut Square" },
      updatedAt: { S: "2026-12-03T12:00:00.000Z" },
    });
    // The stand-in refuses any Scan: forgetting them found them by their key alone.
    expect(await places.forgetTeam("T7")).toBe(2);
    expect([...subscriptionsTable.items.values()].filter((item) => item.pk?.S === "place#T7")).toEqual([]);
  });

  it("forgets a workspace's places across Query pages, as DynamoDB answers past 1 MB", async () => {
    const places = userPlaceStoreFromEnv(env())!;
    const users = Array.from({ length: 25 }, (_, i) => `U${String(i).padStart(2, "0")}`);
    for (const user of users) await places.set("T8P", user, "DC - Farragut Square", 0);
    const queries = () => aws.requests.filter((r) => r.headers["x-amz-target"] === "DynamoDB_20120810.Query").length;
    const queriesBefore = queries();
    subscriptionsTable.queryPageSize = 4;
    try {
      expect(await places.forgetTeam("T8P")).toBe(25);
    } finally {
      subscriptionsTable.queryPageSize = undefined;
    }
    // Seven pages of four (the last with one).
    expect(queries() - queriesBefore).toBe(7);
    for (const user of users) expect(await places.get("T8P", user)).toBeUndefined();
  });

  it("stays apart from subscriptions: each forgetting of a workspace deletes its own items only", async () => {
    const places = userPlaceStoreFromEnv(env())!;
    const store = createDynamoSubscriptionStore({
      table: "slacktrux-subscriptions",
      dynamodb: dynamodb(),
      log: silent,
    });
    await places.set("T9P", "U1", "DC - Farragut Square", Date.now());
    await store.add(follow("T9P", "f9", "U1"), 10);
    expect((await store.followsOf("T9P", "U1")).map((f) => f.id)).toEqual(["f9"]);
    expect(await store.digestsSetBy("T9P", "U1")).toEqual([]);
    const item = [...subscriptionsTable.items.values()].find((candidate) => candidate.pk?.S === "place#T9P");
    // No attribute either index is keyed on: a tick's Query and the team index never meet it.
    expect(Object.keys(item!).sort()).toEqual(["pk", "place", "sk", "updatedAt"]);
    expect(
      await createDynamoTeamSubscriptionsForgetter({
        table: "slacktrux-subscriptions",
        dynamodb: dynamodb(),
        log: silent,
      })("T9P"),
    ).toBe(1);
    expect(await places.get("T9P", "U1")).toBe("DC - Farragut Square");
    expect(await places.forgetTeam("T9P")).toBe(1);
    await store.add(follow("T9P", "f10", "U1"), 10);
    expect(await places.forgetTeam("T9P")).toBe(0);
    expect((await store.followsOf("T9P", "U1")).map((f) => f.id)).toEqual(["f10"]);
  });
});
