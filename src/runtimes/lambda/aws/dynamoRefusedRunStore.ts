// The runs Slack refused for their bot token, on AWS: items of the subscriptions table under their
// own partition, pk `refused`, sk `<subscription id>#<local day>`, so the tick reads them all with
// one Query (a handful: today's refused runs) and never scans. They carry none of the attributes
// the table's indexes are keyed on (`due`, `teamId`), so no index holds them. `expiresAt` (epoch
// seconds, two days after the run) is the table's TTL attribute: a safety net, as the tick deletes
// each record when it posts or its day is over, and one whose subscription is gone when it next
// reads it.
import type { RefusedRun, RefusedRunStore } from "../../../subscriptions/refusedRunStore.js";
import { callJsonApi } from "./awsJsonApi.js";
import type { AwsService } from "./awsService.js";

const TIMEOUT_MS = 3_000;
export const REFUSED_RUNS_PK = "refused";
/** The subscriptions table's TTL attribute: only refused runs' items carry it. */
export const EXPIRES_AT = "expiresAt";
const KEPT_SECONDS = 2 * 24 * 60 * 60;

type Item = Record<string, { S: string } | { N: string }>;

export interface DynamoRefusedRunStoreOptions {
  /** The subscriptions table. */
  table: string;
  dynamodb: AwsService<"dynamodb">;
}

export function createDynamoRefusedRunStore(options: DynamoRefusedRunStoreOptions): RefusedRunStore {
  const { table, dynamodb } = options;
  const call = <T>(operation: string, input: Record<string, unknown>) =>
    callJsonApi<T>(
      dynamodb,
      `DynamoDB_20120810.${operation}`,
      { TableName: table, ...input },
      { timeoutMs: TIMEOUT_MS },
    );
  const key = (subscriptionId: string, day: string) => ({
    pk: { S: REFUSED_RUNS_PK },
    sk: { S: `${subscriptionId}#${day}` },
  });
  return {
    async save(run) {
      const expiresAt = Math.floor(Date.parse(run.dueAt) / 1000) + KEPT_SECONDS;
      await call("PutItem", { Item: { ...key(run.subscriptionId, run.day), ...toItem(run, expiresAt) } });
    },
    async delete(subscriptionId, day) {
      await call("DeleteItem", { Key: key(subscriptionId, day) });
    },
    async list() {
      const runs: RefusedRun[] = [];
      let start: unknown;
      do {
        const page = await call<{ Items?: Item[]; LastEvaluatedKey?: unknown }>("Query", {
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: REFUSED_RUNS_PK } },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        });
        for (const item of page.Items ?? []) {
          const run = fromItem(item);
          if (run) runs.push(run);
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return runs;
    },
  };
}

function toItem(run: RefusedRun, expiresAt: number): Item {
  return {
    subscriptionId: { S: run.subscriptionId },
    // Not `teamId`: that would put the item in the team index, among a workspace's subscriptions.
    team: { S: run.teamId },
    timeZone: { S: run.timeZone },
    time: { S: run.time },
    day: { S: run.day },
    dueAt: { S: run.dueAt },
    lastTriedMs: { N: String(run.lastTriedMs) },
    [EXPIRES_AT]: { N: String(expiresAt) },
  };
}

/** A record, or undefined for an item missing a part (skipped: its TTL removes it). */
function fromItem(item: Item): RefusedRun | undefined {
  const text = (name: string) => {
    const value = item[name];
    return value && "S" in value ? value.S : undefined;
  };
  const tried = item.lastTriedMs;
  const lastTriedMs = tried && "N" in tried ? Number(tried.N) : NaN;
  const [subscriptionId, teamId, timeZone, time, day, dueAt] = [
    "subscriptionId",
    "team",
    "timeZone",
    "time",
    "day",
    "dueAt",
  ].map(text);
  if (!subscriptionId || !teamId || !timeZone || !time || !day || !dueAt || Number.isNaN(lastTriedMs)) return undefined;
  return { subscriptionId, teamId, timeZone, time, day, dueAt, lastTriedMs };
}
