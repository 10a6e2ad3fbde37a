// Builds the subscription tick from configuration: the same tracker (and cache) and deadline as
// commands, each workspace's bot token for posting, and the runtime's store and claims.
import type { FulfilConfig } from "../config/fulfilConfig.js";
import type { SubscriptionConfig } from "../config/subscriptionConfig.js";
import type { Logger } from "../observe/log.js";
import type { Metrics } from "../observe/metrics.js";
import type { HttpClient } from "../net/httpRequest.js";
import type { ClaimStore } from "../claims/claimStore.js";
import type { BotTokens } from "../installations/botTokens.js";
import { createPostMessage } from "../slack/webApi.js";
import type { Tracker } from "../trucks/tracker.js";
import type { SlackMessage } from "../slack/blockKit.js";
import type { PostResult } from "../slack/webApi.js";
import type { SubscriptionStore } from "../subscriptions/store.js";
import { runSubscriptions, type TickResult } from "../subscriptions/tick.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { readTracker } from "./readTracker.js";

/** Posts the subscriptions found due at `at` (subscriptions/tick.ts dueSubscriptions). */
export type Ticker = (due: readonly Subscription[], at: Date) => Promise<TickResult>;

export interface TickerServices {
  store: SubscriptionStore;
  claims: ClaimStore;
  /** The token of the workspace a subscription belongs to. */
  botTokens: BotTokens;
  log: Logger;
  metrics: Metrics;
  /** The app's tracker, shared with commands (one cache). */
  tracker: Tracker;
  http?: HttpClient | undefined;
}

export function createTicker(
  config: FulfilConfig,
  subscriptions: SubscriptionConfig,
  services: TickerServices,
): Ticker {
  const { http, log, tracker } = services;
  const post = async (channel: string, message: SlackMessage, teamId: string): Promise<PostResult> => {
    const lookup = await services.botTokens.tokenFor({ teamId });
    // No token for that workspace (uninstalled, or its refresh failed): as Slack refusing one.
    if (!lookup.ok) return { ok: false, kind: "auth", error: lookup.reason };
    const postAs = createPostMessage({
      apiUrl: subscriptions.slackApiUrl,
      token: lookup.token,
      ...(http ? { http } : {}),
    });
    return postAs(channel, message);
  };
  return (due, at) =>
    runSubscriptions(due, at, {
      store: services.store,
      claims: services.claims,
      readTracker: () =>
        readTracker(tracker, { deadlineMs: config.fulfilDeadlineMs, log, logFields: { phase: "tick" } }),
      post,
      log,
      metrics: services.metrics,
      deadlineMs: config.fulfilDeadlineMs,
    });
}
