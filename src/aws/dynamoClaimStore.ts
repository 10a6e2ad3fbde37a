// "Exactly one answer" across Lambda instances: a claim is a conditional PutItem in a DynamoDB
// table (partition key `pk`, TTL attribute `expiresAt`), so a retried or duplicated job that
// lands on another instance still finds the command (or the scheduled digest run) claimed.
import { randomUUID } from "node:crypto";
import type { Logger } from "../observe/log.js";
import type { ClaimStore } from "../claims/claimStore.js";
import { callJsonApi } from "./awsJsonApi.js";
import { AwsRequestError, describeFailure, type AwsService } from "./awsService.js";

const PUT_ITEM_TIMEOUT_MS = 2_000;

/**
 * Free when there is no item, or when its expiresAt has passed (DynamoDB deletes expired items
 * only eventually, often hours later) — or when the item is this very claim: postToAws sends a
 * request again after a network failure, and the first one may have landed before the connection
 * broke. Without the last clause that retry would find our own claim and call it a duplicate,
 * and nobody would answer.
 */
export const CLAIM_CONDITION = "attribute_not_exists(pk) OR expiresAt < :now OR attempt = :attempt";

export interface DynamoIdempotencyOptions {
  table: string;
  dynamodb: AwsService<"dynamodb">;
  log: Logger;
  nowMs?: () => number;
  /** A fresh id per claim; random by default. */
  attemptId?: () => string;
}

export function createDynamoClaimStore(options: DynamoIdempotencyOptions): ClaimStore {
  const { table, dynamodb, log, nowMs = Date.now, attemptId = randomUUID } = options;
  // Used for commands and scheduled digest runs alike: log lines say "idempotency", not which.
  return {
    async claim(key, ttlSeconds) {
      const nowSeconds = Math.floor(nowMs() / 1000);
      const attempt = attemptId();
      try {
        await callJsonApi(
          dynamodb,
          "DynamoDB_20120810.PutItem",
          {
            TableName: table,
            Item: { pk: { S: key }, expiresAt: { N: String(nowSeconds + ttlSeconds) }, attempt: { S: attempt } },
            ConditionExpression: CLAIM_CONDITION,
            ExpressionAttributeValues: { ":now": { N: String(nowSeconds) }, ":attempt": { S: attempt } },
          },
          { timeoutMs: PUT_ITEM_TIMEOUT_MS },
        );
        return true;
      } catch (error) {
        if (error instanceof AwsRequestError && error.code === "ConditionalCheckFailedException") return false;
        // The store is down, throttled or misconfigured: go ahead anyway. A rare duplicate post
        // (only if the same job also arrives twice right now) is better than an asker left with
        // "looking…" and silence, or a channel without its digest.
        log.error("idempotency store failed to claim, going ahead unclaimed", {
          phase: "idempotency",
          ...describeFailure(error),
        });
        return true;
      }
    },
    async confirm(key, ttlSeconds) {
      const nowSeconds = Math.floor(nowMs() / 1000);
      try {
        // Unconditional, so sending it twice is harmless.
        await callJsonApi(
          dynamodb,
          "DynamoDB_20120810.PutItem",
          { TableName: table, Item: { pk: { S: key }, expiresAt: { N: String(nowSeconds + ttlSeconds) } } },
          { timeoutMs: PUT_ITEM_TIMEOUT_MS },
        );
      } catch (error) {
        // The work is done and posted; at worst a late duplicate could post again.
        log.error("idempotency store failed to confirm a claim", { phase: "idempotency", ...describeFailure(error) });
      }
    },
  };
}
