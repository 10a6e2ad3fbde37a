// Builds the subscription tick from configuration: the same tracker (and cache) and deadline as
// commands, each workspace's bot token for posting, paced per channel, and the runtime's store and claims.
import type { FulfilConfig } from "../config/fulfilConfig.js";
import type { SubscriptionConfig } from "../config/subscriptionConfig.js";
import type { Logger } from "../observe/log.js";
import type { Metrics } from "../observe/metrics.js";
import type { HttpClient } from "../net/httpRequest.js";
import type { ClaimStore } from "../claims/claimStore.js";
import { createPostMessage } from "../slack/webApi.js";
import type { Tracker } from "../trucks/tracker.js";
import type { RefusedRunStore } from "../subscriptions/refusedRunStore.js";
import type { SubscriptionStore } from "../subscriptions/store.js";
import { pacePosts, type PacingOptions } from "../subscriptions/pacedPosts.js";
import { runSubscriptions, type DueRun, type TickResult } from "../subscriptions/tick.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { readTracker } from "./readTracker.js";

/** Posts the runs found due at `at` and before it (subscriptions/tick.ts dueSubscriptions, earlierRuns; refusedRuns.ts). */
export type Ticker = (due: readonly (Subscription | DueRun)[], at: Date) => Promise<TickResult>;

/** A workspace's bot token, or why there is none (installations/botTokens.ts answers this). */
export type TokenForTeam = (teamId: string) => Promise<{ ok: true; token: string } | { ok: false; reason: string }>;

export interface TickerServices {
  store: SubscriptionStore;
  claims: ClaimStore;
  /** The runs refused for their token, kept for later ticks. */
  refusedRuns: RefusedRunStore;
  /** The bot token of a subscription's workspace. */
  tokenFor: TokenForTeam;
  /** Tests and the bench change the pace's clock and bounds. */
  pacing?: Partial<PacingOptions> | undefined;
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
  // One pace for every tick of this app: overlapping ticks share each channel's turn.
  const post = pacePosts(async (teamId, channel, message) => {
    const token = await services.tokenFor(teamId);
    if (!token.ok) return { ok: false, kind: "auth", error: token.reason };
    // One try per call: the pace waits out a 429 for that channel alone, holding no connection.
    const postAs = createPostMessage({
      apiUrl: subscriptions.slackApiUrl,
      token: token.token,
      attempts: 1,
      ...(http ? { http } : {}),
    });
    return postAs(channel, message);
  }, services.pacing);
  return (due, at) =>
    runSubscriptions(due, at, {
      store: services.store,
      claims: services.claims,
      refusedRuns: services.refusedRuns,
      readTracker: () =>
        readTracker(tracker, { deadlineMs: config.fulfilDeadlineMs, log, logFields: { phase: "tick" } }),
      post,
      log,
      metrics: services.metrics,
      deadlineMs: config.fulfilDeadlineMs,
    });
}
