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
import { trackerFromConfig } from "./trackerFromConfig.js";
import type { SubscriptionSettings } from "./manageSubscriptions.js";
import type { BotTokenHome } from "../messages/subscriptionMessages.js";

export type Fulfiller = (job: FulfilJob) => Promise<FulfilOutcome>;

export interface FulfillerServices {
  log: Logger;
  claims: ClaimStore;
  /** Pass one to share its cache (the worker shares it with digests); by default a new one from config. */
  tracker?: Tracker;
  /** Node's http by default; fetch where there is no node:http. */
  http?: HttpClient;
  /** Where `daily` and `follow` save; absent when the app has no bot token to post with. */
  subscriptions?: SubscriptionSettings | undefined;
  /** Where this runtime keeps the bot token, for the answer when there is none. */
  botTokenHome?: BotTokenHome;
  /** Where the team webhook's URL comes from when not from config (an SSM parameter on AWS). */
  webhookUrl?: () => Promise<string>;
  /** None by default; the Lambda worker passes EMF metrics. */
  metrics?: Metrics;
}

export function createFulfiller(config: FulfilConfig, services: FulfillerServices): Fulfiller {
  const { http } = services;
  const tracker = services.tracker ?? trackerFromConfig(config, http);
  const deliver = createDeliver({ allowedHosts: config.responseUrlHosts, ...(http ? { http } : {}) });
  return (job) =>
    fulfil(job, {
      tracker,
      deliver,
      claims: services.claims,
      log: services.log,
      deadlineMs: config.fulfilDeadlineMs,
      webhookUrl: services.webhookUrl ?? config.webhookUrl,
      ...(services.metrics ? { metrics: services.metrics } : {}),
      deliverToWebhook: (url, message, share) => deliverToWebhook(url, message, http ? { http } : {}, share),
      subscriptions: services.subscriptions,
      ...(services.botTokenHome ? { botTokenHome: services.botTokenHome } : {}),
    });
}
