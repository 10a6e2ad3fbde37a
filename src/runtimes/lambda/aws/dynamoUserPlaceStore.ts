// People's saved places (the place their App Home shows) on AWS: items in the subscriptions table,
// one partition per workspace — pk `place#<team>`, sk `<user>` — so no new table, role or setting
// is needed, and the subscription store's keys (`owner#…`, `zones`, `refused`) never meet them.
// One item per person: each read or write is one call, and a workspace's places (deleted when it
// uninstalls the app) are one Query on that partition, never a scan. They carry no `due`, `teamId`
// or `createdBy` attribute, so neither of that table's indexes holds them, and a tick or a Home
// listing never reads one.
import type { Env } from "../../../config/env.js";
import type { UserPlaceStore } from "../../../home/userPlaceStore.js";
import { SUBSCRIPTIONS_TABLE } from "../lambdaSettings.js";
import { callJsonApi } from "./awsJsonApi.js";
import { awsServiceFromEnv, type AwsService } from "./awsService.js";

const TIMEOUT_MS = 2_000;
/** DeleteItem calls in flight while a workspace's places are forgotten. */
const DELETES_AT_ONCE = 10;
export const PLACE_KEY_PREFIX = "place#";

export interface DynamoUserPlaceStoreOptions {
  table: string;
  dynamodb: AwsService<"dynamodb">;
  /** Epoch ms past which no call runs (the receiver's current request); none by default. */
  deadlineMs?: () => number | undefined;
}

export function createDynamoUserPlaceStore(options: DynamoUserPlaceStoreOptions): UserPlaceStore {
  const { table, dynamodb, deadlineMs = () => undefined } = options;
  const call = <T>(operation: string, input: Record<string, unknown>) =>
    callJsonApi<T>(
      dynamodb,
      `DynamoDB_20120810.${operation}`,
      { TableName: table, ...input },
      { timeoutMs: TIMEOUT_MS, deadlineMs: deadlineMs() },
    );
  const partition = (teamId: string) => ({ S: `${PLACE_KEY_PREFIX}${teamId}` });
  const key = (teamId: string, userId: string) => ({ pk: partition(teamId), sk: { S: userId } });
  return {
    async get(teamId, userId) {
      const answer = await call<{ Item?: { place?: { S?: string } } }>("GetItem", {
        Key: key(teamId, userId),
        ConsistentRead: true,
      });
      return answer.Item?.place?.S;
    },
    async set(teamId, userId, place, nowMs) {
      await call("PutItem", {
        Item: { ...key(teamId, userId), place: { S: place }, updatedAt: { S: new Date(nowMs).toISOString() } },
      });
    },
    async clear(teamId, userId) {
      const answer = await call<{ Attributes?: unknown }>("DeleteItem", {
        Key: key(teamId, userId),
        ReturnValues: "ALL_OLD",
      });
      return answer.Attributes !== undefined;
    },
    async forgetTeam(teamId) {
      let forgotten = 0;
      let next: unknown;
      do {
        const page = await call<{ Items?: { sk?: { S?: string } }[]; LastEvaluatedKey?: unknown }>("Query", {
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": partition(teamId) },
          ProjectionExpression: "sk",
          ConsistentRead: true,
          ...(next ? { ExclusiveStartKey: next } : {}),
        });
        const users = (page.Items ?? []).flatMap((item) => (item.sk?.S === undefined ? [] : [item.sk.S]));
        // A few deletes at once, so a workspace with many places takes a fraction of the time; what
        // the receiver's share of Slack's 3 s leaves undone, Slack's retry finds and finishes.
        for (let start = 0; start < users.length; start += DELETES_AT_ONCE) {
          const batch = users.slice(start, start + DELETES_AT_ONCE);
          await Promise.all(batch.map((userId) => call("DeleteItem", { Key: key(teamId, userId) })));
          forgotten += batch.length;
        }
        next = page.LastEvaluatedKey;
      } while (next);
      return forgotten;
    },
  };
}

/**
 * The saved places of a Lambda function's environment: in the subscriptions table (SUBSCRIPTIONS_TABLE),
 * or undefined where there is none (the Home keeps them in memory then). Builds without I/O.
 */
export function userPlaceStoreFromEnv(env: Env, deadlineMs?: () => number | undefined): UserPlaceStore | undefined {
  const table = SUBSCRIPTIONS_TABLE.read(env);
  if (!table) return undefined;
  return createDynamoUserPlaceStore({
    table,
    dynamodb: awsServiceFromEnv("dynamodb", env),
    ...(deadlineMs ? { deadlineMs } : {}),
  });
}
