// Builds phase 2 from configuration: one tracker source (with its cache) and one delivery policy
// per process, so a warm instance reuses both across commands.
import type { FulfilConfig } from "../fulfilConfig.js";
import type { Logger } from "../log.js";
import { createDeliver } from "../slack/deliverMessage.js";
import { createTrackerSource } from "../trucks/trackerSource.js";
import { fulfil, type FulfilOutcome } from "./fulfil.js";
import type { FulfilJob } from "./handOff.js";
import type { IdempotencyStore } from "./idempotency.js";

export type Fulfiller = (job: FulfilJob) => Promise<FulfilOutcome>;

export function createFulfiller(config: FulfilConfig, services: { log: Logger; idempotency: IdempotencyStore }): Fulfiller {
  const tracker = createTrackerSource({
    location: config.trackerLocation,
    parse: config.tracker.parse,
    cacheSeconds: config.trackerCacheSeconds,
  });
  const deliver = createDeliver({ allowedHosts: config.responseUrlHosts });
  return (job) =>
    fulfil(job, {
      tracker,
      deliver,
      idempotency: services.idempotency,
      log: services.log,
      deadlineMs: config.fulfilDeadlineMs,
      webhookUrl: config.webhookUrl,
    });
}
