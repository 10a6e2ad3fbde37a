// Subscriptions on AWS: a DynamoDB table of our own signed JSON API calls (no SDK), keyed so that
// nothing is ever scanned.
//   - A subscription's item: pk `owner#<team>#<channel or user>`, sk `<kind>#<id>`: a channel's
//     digests or a user's follows are one Query.
//   - Its `due` attribute, `<time zone>#<HH:MM>`, is the partition key of the `due` index: the
//     subscriptions due at a minute are one Query per time zone in use, for the local time there
//     at that minute. Local time is recomputed every tick, so daylight-saving changes need no
//     rewrite (a UTC-minute key would have to be rewritten twice a year).
//   - One item (pk = sk = `zones`) holds the set of time zones in use, added to on every save.
//     Zones are never taken out (an empty zone costs one empty Query a minute).
//   - The `team` index (teamId, createdBy) finds what one person set up (their Home tab) and
//     everything of a workspace (deleted when it uninstalls the app) without a scan; the zones
//     item has no teamId, so it is not in that index.
// The cap check (a Query, then a PutItem) can let two simultaneous saves past the cap by one:
// harmless, and cheaper than a transaction.
import type { Logger } from "../../../observe/log.js";
import {
  sameSubscription,
  type AddOutcome,
  type DigestsSetBy,
  type SubscriptionStore,
} from "../../../subscriptions/store.js";
import {
  ownerOf,
  WEEKDAYS,
  type ChannelDigest,
  type Subscription,
  type TruckFollow,
  type Weekday,
} from "../../../subscriptions/subscription.js";
import { callJsonApi } from "./awsJsonApi.js";
import type { AwsService } from "./awsService.js";

const TIMEOUT_MS = 3_000;
export const DUE_INDEX = "due";
export const TEAM_INDEX = "team";
const ZONES_KEY = { pk: { S: "zones" }, sk: { S: "zones" } };

type AttributeValue = { S: string } | { SS: string[] } | { L: { S: string }[] };
type Item = Record<string, AttributeValue>;

export interface DynamoSubscriptionStoreOptions {
  table: string;
  dynamodb: AwsService<"dynamodb">;
  log: Logger;
  /** Epoch ms past which no call runs (the receiver's current request); none by default. */
  deadlineMs?: () => number | undefined;
}

export function createDynamoSubscriptionStore(
  options: DynamoSubscriptionStoreOptions,
): SubscriptionStore & DigestsSetBy {
  const { call, query } = tableCalls(options);
  const ofOwner = (teamId: string, ownerId: string, kind?: Subscription["kind"]) =>
    query({
      KeyConditionExpression: kind ? "pk = :pk AND begins_with(sk, :kind)" : "pk = :pk",
      ExpressionAttributeValues: {
        ":pk": { S: ownerKey(teamId, ownerId) },
        ...(kind ? { ":kind": { S: `${kind}#` } } : {}),
      },
    });

  return {
    async add(subscription, cap): Promise<AddOutcome> {
      const mine = await ofOwner(subscription.teamId, ownerOf(subscription), subscription.kind);
      if (mine.some((s) => sameSubscription(s, subscription))) return "already";
      if (mine.length >= cap) return "at-cap";
      // The zone first: a subscription is never saved where a tick would not look for it.
      await call("UpdateItem", {
        Key: ZONES_KEY,
        UpdateExpression: "ADD zones :zone",
        ExpressionAttributeValues: { ":zone": { SS: [subscription.timeZone] } },
      });
      await call("PutItem", { Item: toItem(subscription) });
      return "added";
    },
    async digestsOf(teamId, channelId) {
      return (await ofOwner(teamId, channelId, "digest")).filter((s): s is ChannelDigest => s.kind === "digest");
    },
    async digestsSetBy(teamId, userId) {
      const mine = await query({
        IndexName: TEAM_INDEX,
        KeyConditionExpression: "teamId = :team AND createdBy = :user",
        ExpressionAttributeValues: { ":team": { S: teamId }, ":user": { S: userId } },
      });
      return mine.filter((s): s is ChannelDigest => s.kind === "digest");
    },
    async followsOf(teamId, userId) {
      return (await ofOwner(teamId, userId, "follow")).filter((s): s is TruckFollow => s.kind === "follow");
    },
    async remove(teamId, ownerId, ids) {
      const removed = (await ofOwner(teamId, ownerId)).filter((s) => ids.includes(s.id));
      for (const subscription of removed) {
        await call("DeleteItem", { Key: keyOf(subscription) });
      }
      return removed;
    },
    at(timeZone, time) {
      return query({
        IndexName: DUE_INDEX,
        KeyConditionExpression: "due = :due",
        ExpressionAttributeValues: { ":due": { S: `${timeZone}#${time}` } },
      });
    },
    async timeZones() {
      const answer = await call<{ Item?: { zones?: { SS?: string[] } } }>("GetItem", {
        Key: ZONES_KEY,
        ConsistentRead: true,
      });
      return answer.Item?.zones?.SS ?? [];
    },
  };
}

/**
 * The "forget a team's subscriptions" port on DynamoDB (app_uninstalled, tokens_revoked): deletes
 * a workspace's daily posts and follows, found on the `team` index; returns how many went.
 */
export function createDynamoTeamSubscriptionsForgetter(
  options: DynamoSubscriptionStoreOptions,
): (teamId: string) => Promise<number> {
  const { call, query } = tableCalls(options);
  return async (teamId) => {
    const theirs = await query({
      IndexName: TEAM_INDEX,
      KeyConditionExpression: "teamId = :team",
      ExpressionAttributeValues: { ":team": { S: teamId } },
    });
    for (const subscription of theirs) await call("DeleteItem", { Key: keyOf(subscription) });
    return theirs.length;
  };
}

function tableCalls(options: DynamoSubscriptionStoreOptions) {
  const { table, dynamodb, deadlineMs = () => undefined } = options;
  const call = <T>(operation: string, input: Record<string, unknown>) =>
    callJsonApi<T>(
      dynamodb,
      `DynamoDB_20120810.${operation}`,
      { TableName: table, ...input },
      { timeoutMs: TIMEOUT_MS, deadlineMs: deadlineMs() },
    );

  /** Every page of a Query. */
  const query = async (input: Record<string, unknown>): Promise<Subscription[]> => {
    const found: Subscription[] = [];
    let start: unknown;
    do {
      const page = await call<{ Items?: Item[]; LastEvaluatedKey?: unknown }>("Query", {
        ...input,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      for (const item of page.Items ?? []) {
        const subscription = fromItem(item);
        if (subscription) found.push(subscription);
        else options.log.warn("unreadable subscription item skipped", { phase: "subscriptions" });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return found;
  };
  return { call, query };
}

function keyOf(subscription: Subscription) {
  return { pk: { S: ownerKey(subscription.teamId, ownerOf(subscription)) }, sk: { S: sortKey(subscription) } };
}

function ownerKey(teamId: string, ownerId: string): string {
  return `owner#${teamId}#${ownerId}`;
}

function sortKey(subscription: Subscription): string {
  return `${subscription.kind}#${subscription.id}`;
}

function toItem(subscription: Subscription): Item {
  const common: Item = {
    pk: { S: ownerKey(subscription.teamId, ownerOf(subscription)) },
    sk: { S: sortKey(subscription) },
    due: { S: `${subscription.timeZone}#${subscription.time}` },
    id: { S: subscription.id },
    kind: { S: subscription.kind },
    teamId: { S: subscription.teamId },
    time: { S: subscription.time },
    timeZone: { S: subscription.timeZone },
    days: { S: subscription.days.join(",") },
    createdBy: { S: subscription.createdBy },
    createdAt: { S: subscription.createdAt },
  };
  return subscription.kind === "digest"
    ? { ...common, channelId: { S: subscription.channelId }, places: { L: subscription.places.map((S) => ({ S })) } }
    : { ...common, userId: { S: subscription.userId }, truck: { S: subscription.truck } };
}

function fromItem(item: Item): Subscription | undefined {
  const text = (key: string) => {
    const value = item[key];
    return value && "S" in value ? value.S : undefined;
  };
  const days = (text("days") ?? "")
    .split(",")
    .filter((day): day is Weekday => (WEEKDAYS as readonly string[]).includes(day));
  const [id, teamId, time, timeZone, createdBy, createdAt] = [
    "id",
    "teamId",
    "time",
    "timeZone",
    "createdBy",
    "createdAt",
  ].map(text);
  if (!id || !teamId || !time || !timeZone || !createdBy || !createdAt || days.length === 0) return undefined;
  const common = { id, teamId, time, timeZone, days, createdBy, createdAt };
  const places = item.places;
  const channelId = text("channelId");
  if (text("kind") === "digest" && channelId && places && "L" in places) {
    return { kind: "digest", ...common, channelId, places: places.L.map((place) => place.S) };
  }
  const userId = text("userId");
  const truck = text("truck");
  if (text("kind") === "follow" && userId && truck) return { kind: "follow", ...common, userId, truck };
  return undefined;
}
