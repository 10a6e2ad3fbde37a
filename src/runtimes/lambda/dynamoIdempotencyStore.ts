// "Exactly one answer" across Lambda instances: a claim is a conditional PutItem in a DynamoDB
// table (partition key `pk`, TTL attribute `expiresAt`), so a retried or duplicated job that
// lands on another instance still finds the command claimed.
import type { Logger } from "../../log.js";
import type { IdempotencyStore } from "../../phases/idempotency.js";
import { callJsonApi } from "./awsJsonApi.js";
import { AwsRequestError, describeFailure, type AwsService } from "./awsService.js";

const PUT_ITEM_TIMEOUT_MS = 2_000;

export interface DynamoIdempotencyOptions {
  table: string;
  dynamodb: AwsService<"dynamodb">;
  log: Logger;
  nowMs?: () => number;
}

export function createDynamoIdempotencyStore(options: DynamoIdempotencyOptions): IdempotencyStore {
  const { table, dynamodb, log, nowMs = Date.now } = options;
  return {
    async claim(key, ttlSeconds) {
      const nowSeconds = Math.floor(nowMs() / 1000);
      try {
        await callJsonApi(
          dynamodb,
          "DynamoDB_20120810.PutItem",
          {
            TableName: table,
            Item: { pk: { S: key }, expiresAt: { N: String(nowSeconds + ttlSeconds) } },
            // DynamoDB deletes expired items only eventually (often hours later), so an item whose
            // expiresAt has passed no longer counts as a claim.
            ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :now",
            ExpressionAttributeValues: { ":now": { N: String(nowSeconds) } },
          },
          { timeoutMs: PUT_ITEM_TIMEOUT_MS },
        );
        return true;
      } catch (error) {
        if (error instanceof AwsRequestError && error.code === "ConditionalCheckFailedException") return false;
        // The store is down, throttled or misconfigured: answer anyway. A rare duplicate answer
        // (only if the same job also arrives twice right now) is better than a user left with
        // "looking…" and silence.
        log.error("idempotency store failed, answering without a claim", { phase: "fulfil", ...describeFailure(error) });
        return true;
      }
    },
    async confirm(key, ttlSeconds) {
      const nowSeconds = Math.floor(nowMs() / 1000);
      try {
        await callJsonApi(
          dynamodb,
          "DynamoDB_20120810.PutItem",
          { TableName: table, Item: { pk: { S: key }, expiresAt: { N: String(nowSeconds + ttlSeconds) } } },
          { timeoutMs: PUT_ITEM_TIMEOUT_MS },
        );
      } catch (error) {
        // The answer is already out; at worst a late duplicate could answer again.
        log.error("idempotency store failed to confirm a claim", { phase: "fulfil", ...describeFailure(error) });
      }
    },
  };
}
