// "Exactly one answer" across Lambda instances: a claim is a conditional PutItem in a DynamoDB
// table (partition key `pk`, TTL attribute `expiresAt`), so a retried or duplicated job that
// lands on another instance still finds the command (or the scheduled digest run) claimed.
import { randomUUID } from "node:crypto";
import type { Logger } from "../../../observe/log.js";
import { noMetrics, type Metrics } from "../../../observe/metrics.js";
import { METRICS } from "../../../observe/metricNames.js";
import type { ClaimStore } from "../../../claims/claimStore.js";
import { HttpFailure } from "../../../net/httpRequest.js";
import { callJsonApi } from "./awsJsonApi.js";
import { AwsRequestError, type AwsService } from "./awsService.js";
import { describeFailure } from "../../../observe/describeFailure.js";

const PUT_ITEM_TIMEOUT_MS = 2_000;

/**
 * Free when there is no item, or when its expiresAt has passed (DynamoDB deletes expired items
 * only eventually, often hours later) — or when the item is this very claim: postToAws sends a
 * request again after a network failure, and the first one may have landed before the connection
 * broke. Without the last clause that retry would find our own claim and call it a duplicate,
 * and nobody would answer.
 */
export const CLAIM_CONDITION = "attribute_not_exists(pk) OR expiresAt < :now OR attempt = :attempt";

export interface DynamoClaimStoreOptions {
  table: string;
  dynamodb: AwsService<"dynamodb">;
  log: Logger;
  /** ClaimStoreErrors (misconfiguration) and UnclaimedGoAheads (passing trouble); none by default. */
  metrics?: Metrics;
  nowMs?: () => number;
  /** A fresh id per claim; random by default. */
  attemptId?: () => string;
  /** Epoch ms past which no call runs (the receiver's current request); none by default. */
  deadlineMs?: () => number | undefined;
}

export function createDynamoClaimStore(options: DynamoClaimStoreOptions): ClaimStore {
  const {
    table,
    dynamodb,
    log,
    metrics = noMetrics,
    nowMs = Date.now,
    attemptId = randomUUID,
    deadlineMs = () => undefined,
  } = options;
  /** A table that is missing or out of reach says so loudly: an error line, and a metric with an alarm on it. */
  const reportMisconfigured = (failure: Extract<StoreFailure, { misconfigured: true }>, error: unknown) => {
    metrics.count(METRICS.claimStoreErrors, { Kind: failure.kind });
    log.error(`claim store misconfigured (${failure.kind}): going ahead unclaimed, duplicates are possible`, {
      phase: "claims",
      table,
      ...describeFailure(error),
    });
  };
  // Used for commands and scheduled digest runs alike: log lines say "claims", not which.
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
          { timeoutMs: PUT_ITEM_TIMEOUT_MS, deadlineMs: deadlineMs() },
        );
        return true;
      } catch (error) {
        if (error instanceof AwsRequestError && error.code === "ConditionalCheckFailedException") return false;
        // The store is down, throttled or misconfigured: go ahead anyway. A rare duplicate post
        // (only if the same job also arrives twice right now) is better than an asker left with
        // "looking…" and silence, or a channel without its digest. Counted either way.
        const failure = classifyFailure(error);
        if (failure.misconfigured) {
          reportMisconfigured(failure, error);
        } else {
          metrics.count(METRICS.unclaimedGoAheads, { Reason: failure.kind });
          log.warn("claim store failed to claim, going ahead unclaimed", {
            phase: "claims",
            kind: failure.kind,
            ...describeFailure(error),
          });
        }
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
          { timeoutMs: PUT_ITEM_TIMEOUT_MS, deadlineMs: deadlineMs() },
        );
      } catch (error) {
        // The work is done and posted; at worst a late duplicate could post again.
        const failure = classifyFailure(error);
        if (failure.misconfigured) metrics.count(METRICS.claimStoreErrors, { Kind: failure.kind });
        log.error("claim store failed to confirm a claim", { phase: "claims", ...describeFailure(error) });
      }
    },
  };
}

type StoreFailure =
  | { misconfigured: true; kind: "access-denied" | "missing-table" }
  | { misconfigured: false; kind: "throttled" | "timeout" | "unreachable" };

/** Errors that mean the worker may not use the table (its role, its credentials), not that AWS is busy. */
const ACCESS_DENIED = new Set([
  "AccessDeniedException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
]);
const THROTTLED = new Set(["ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"]);

/** A misconfiguration stays until someone fixes it; the rest passes by itself. */
function classifyFailure(error: unknown): StoreFailure {
  if (error instanceof AwsRequestError) {
    if (ACCESS_DENIED.has(error.code)) return { misconfigured: true, kind: "access-denied" };
    if (error.code === "ResourceNotFoundException") return { misconfigured: true, kind: "missing-table" };
    if (THROTTLED.has(error.code) || error.status === 429) return { misconfigured: false, kind: "throttled" };
  }
  if (error instanceof HttpFailure && (error.kind === "timeout" || error.kind === "connect-timeout")) {
    return { misconfigured: false, kind: "timeout" };
  }
  return { misconfigured: false, kind: "unreachable" };
}
