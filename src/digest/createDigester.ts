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
import { trackerFromConfig } from "../phase2/trackerFromConfig.js";

export type Digester = (job: DigestJob) => Promise<DigestResult>;

export interface DigesterServices {
  log: Logger;
  /** Pass the fulfiller's to share its cache; by default a new one from config. */
  tracker?: Tracker;
  /** How a webhookParameter becomes a URL (SSM on AWS). Without it, only webhookUrl jobs can run. */
  readWebhookParameter?: (name: string) => Promise<string>;
  /** How a webhookSecret becomes a URL (a Worker secret on Cloudflare). */
  readWebhookSecret?: (name: string) => Promise<string>;
  /** Pass the fulfiller's: a scheduled run (a job with scheduledTime) is claimed there, so it posts once. */
  claims?: ClaimStore;
  /** Tests only: stands in for the HTTP post. */
  deliver?: WebhookDeliver;
  /** Node's http by default; fetch where there is no node:http. */
  http?: HttpClient;
}

export function createDigester(config: FulfilConfig, services: DigesterServices): Digester {
  const { http } = services;
  const tracker = services.tracker ?? trackerFromConfig(config, http);
  const { readWebhookParameter, readWebhookSecret } = services;
  const webhookUrlOf = async (job: DigestJob): Promise<string> => {
    if (job.webhookUrl !== undefined) return job.webhookUrl;
    if (job.webhookParameter !== undefined && readWebhookParameter) return readWebhookParameter(job.webhookParameter);
    if (job.webhookSecret !== undefined && readWebhookSecret) return readWebhookSecret(job.webhookSecret);
    if (job.webhookSecret !== undefined) {
      throw new ConfigError(
        "this digest's webhook is a Worker secret (webhookSecret), which only the Cloudflare Worker reads: give webhookUrl here",
      );
    }
    throw new ConfigError(
      "this digest's webhook is an SSM parameter (webhookParameter), which only the Lambda worker reads: give webhookUrl here",
    );
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
