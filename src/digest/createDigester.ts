// Builds the digest runner from the same configuration as the fulfiller (tracker, cache, deadline),
// so a digest reads the tracker exactly as a command does.
import { ConfigError } from "../config/env.js";
import type { FulfilConfig } from "../config/fulfilConfig.js";
import type { Logger } from "../observe/log.js";
import type { Tracker } from "../trucks/tracker.js";
import type { HttpClient } from "../net/httpRequest.js";
import { deliverToWebhook } from "../slack/deliverMessage.js";
import { digest, type DigestResult, type WebhookDeliver } from "./digest.js";
import type { DigestJob } from "./digestJob.js";
import type { ClaimStore } from "../claims/claimStore.js";

export type Digester = (job: DigestJob) => Promise<DigestResult>;

export interface DigesterServices {
  log: Logger;
  /** The app's tracker, shared with commands and ticks (one cache). */
  tracker: Tracker;
  /** How a webhookSecret becomes a URL: the runtime's secret source. */
  readNamedSecret: (name: string) => Promise<string>;
  /** A scheduled run (a job with scheduledTime) is claimed here, so it posts once. */
  claims?: ClaimStore;
  /** Tests only: stands in for the HTTP post. */
  deliver?: WebhookDeliver;
  /** Node's http by default; fetch where there is no node:http. */
  http?: HttpClient | undefined;
}

export function createDigester(config: FulfilConfig, services: DigesterServices): Digester {
  const { http, tracker } = services;
  const webhookUrlOf = async (job: DigestJob): Promise<string> => {
    if (job.webhookUrl !== undefined) return job.webhookUrl;
    if (job.webhookSecret !== undefined) return services.readNamedSecret(job.webhookSecret);
    throw new ConfigError("this digest has neither webhookUrl nor webhookSecret");
  };
  return (job) =>
    digest(job, {
      tracker,
      log: services.log,
      deadlineMs: config.fulfilDeadlineMs,
      webhookUrlOf,
      deliver: services.deliver ?? ((url, message) => deliverToWebhook(url, message, http ? { http } : {})),
      ...(services.claims ? { claims: services.claims } : {}),
    });
}
