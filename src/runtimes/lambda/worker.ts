// Phase 2 on AWS Lambda: invoked asynchronously by the receiver with a FulfilJob as its event.
// fulfil() never throws (every outcome ends in a message or a log line), so a throw from here is
// a real crash — bad configuration, a bug — and is left to Lambda's async retries and, after
// them, the on-failure queue and its alarm.
import { readFulfilConfig } from "../../fulfilConfig.js";
import { createLogger, type Logger } from "../../log.js";
import { createFulfiller, type Fulfiller } from "../../phases/createFulfiller.js";
import type { FulfilOutcome } from "../../phases/fulfil.js";
import type { FulfilJob } from "../../phases/handOff.js";
import { createMemoryIdempotencyStore, type IdempotencyStore } from "../../phases/idempotency.js";
import { awsServiceFromEnv, describeFailure } from "./awsService.js";
import { createDynamoIdempotencyStore } from "./dynamoIdempotencyStore.js";

type Env = Record<string, string | undefined>;

export type Worker = (job: FulfilJob) => Promise<FulfilOutcome>;

export function createWorker(env: Env, log: Logger = createLogger()): Worker {
  // Built on the first job and kept while the instance is warm: the tracker cache lives in it.
  let fulfiller: Fulfiller | undefined;

  return async (job) => {
    try {
      fulfiller ??= createFulfiller(readFulfilConfig(env), { log, idempotency: idempotencyStore(env, log) });
      return await fulfiller(job);
    } catch (error) {
      log.error("fulfil crashed", { phase: "fulfil", requestId: job?.requestId, ...describeFailure(error) });
      throw error;
    }
  };
}

/** DynamoDB when IDEMPOTENCY_TABLE names a table; otherwise this instance's memory (a trial setup). */
function idempotencyStore(env: Env, log: Logger): IdempotencyStore {
  const table = env.IDEMPOTENCY_TABLE?.trim();
  if (!table) return createMemoryIdempotencyStore();
  return createDynamoIdempotencyStore({ table, log, dynamodb: awsServiceFromEnv("dynamodb", env) });
}

export const handler: Worker = createWorker(process.env);
