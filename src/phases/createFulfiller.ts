// Builds phase 2 from configuration: one tracker source (with its cache) and one delivery policy
// per process, so a warm instance reuses both across commands.
import type { FulfilConfig } from "../fulfilConfig.js";
import type { Logger } from "../log.js";
import { createDeliver } from "../slack/deliverMessage.js";
import type { TrackerSource } from "../trucks/trackerSource.js";
import { fulfil, type FulfilOutcome } from "./fulfil.js";
import type { FulfilJob } from "./handOff.js";
import type { IdempotencyStore } from "./idempotency.js";
import { trackerFromConfig } from "./trackerFromConfig.js";

export type Fulfiller = (job: FulfilJob) => Promise<FulfilOutcome>;

export interface FulfillerServices {
  log: Logger;
  idempotency: IdempotencyStore;
  /** Pass one to share its cache (the worker shares it with digests); by default a new one from config. */
  tracker?: TrackerSource;
}

export function createFulfiller(config: FulfilConfig, services: FulfillerServices): Fulfiller {
  const tracker = services.tracker ?? trackerFromConfig(config);
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
