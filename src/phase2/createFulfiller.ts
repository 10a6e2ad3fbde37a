// Builds phase 2 from configuration: one tracker source (with its cache) and one delivery policy
// per process, so a warm instance reuses both across commands.
import type { FulfilConfig } from "../config/fulfilConfig.js";
import type { Logger } from "../observe/log.js";
import type { Metrics } from "../observe/metrics.js";
import type { HttpClient } from "../net/httpRequest.js";
import { createDeliver, deliverToWebhook } from "../slack/deliverMessage.js";
import type { Tracker } from "../trucks/tracker.js";
import { fulfil, type FulfilOutcome } from "./fulfil.js";
import type { FulfilJob } from "./job.js";
import type { ClaimStore } from "../claims/claimStore.js";
import type { SubscriptionSettings } from "./manageSubscriptions.js";

export type Fulfiller = (job: FulfilJob) => Promise<FulfilOutcome>;

export interface FulfillerServices {
  log: Logger;
  claims: ClaimStore;
  /** The app's tracker, shared with digests and ticks (one cache). */
  tracker: Tracker;
  /** Node's http by default; fetch where there is no node:http. */
  http?: HttpClient | undefined;
  /** Where `daily` and `follow` save; absent when the app has no bot token to post with. */
  subscriptions?: SubscriptionSettings | undefined;
  /** The runtime's sentence for setting SLACK_BOT_TOKEN, for the answer when there is none. */
  whereToSetBotToken?: string;
  /** The team channel's webhook URL, read when first needed; absent when none is set. */
  webhookUrl?: (() => Promise<string>) | undefined;
  /** None by default; the Lambda worker passes EMF metrics. */
  metrics?: Metrics | undefined;
}

export function createFulfiller(config: FulfilConfig, services: FulfillerServices): Fulfiller {
  const { http, tracker } = services;
  const deliver = createDeliver({ allowedHosts: config.responseUrlHosts, ...(http ? { http } : {}) });
  return (job) =>
    fulfil(job, {
      tracker,
      deliver,
      claims: services.claims,
      log: services.log,
      deadlineMs: config.fulfilDeadlineMs,
      webhookUrl: services.webhookUrl,
      ...(services.metrics ? { metrics: services.metrics } : {}),
      deliverToWebhook: (url, message, share) => deliverToWebhook(url, message, http ? { http } : {}, share),
      subscriptions: services.subscriptions,
      ...(services.whereToSetBotToken ? { whereToSetBotToken: services.whereToSetBotToken } : {}),
    });
}
