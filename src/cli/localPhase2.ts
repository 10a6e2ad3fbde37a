// Phase 2 as `slacktrux serve` runs it, over HTTP or Socket Mode alike: one tracker (and cache)
// for commands and subscription ticks, claims in this process's memory, and — with
// SLACK_BOT_TOKEN — digests and follows ticking every minute in-process.
import type { Env } from "../config/env.js";
import { readFulfilConfig } from "../config/fulfilConfig.js";
import { TICK_EVERY_MINUTE } from "../config/registry.js";
import { createMemoryClaimStore } from "../claims/claimStore.js";
import type { Logger } from "../observe/log.js";
import { noMetrics } from "../observe/metrics.js";
import { createFulfiller, type Fulfiller } from "../phase2/createFulfiller.js";
import { trackerFromConfig } from "../phase2/trackerFromConfig.js";
import { localSubscriptions } from "../runtimes/local/localSubscriptions.js";
import { startMinuteTicks } from "../runtimes/local/minuteTicks.js";

export interface LocalPhase2 {
  fulfil: Fulfiller;
  /** Stops ticking, letting a tick under way finish. */
  stop(): Promise<void>;
}

export function startLocalPhase2(env: Env, log: Logger, err: (text: string) => void): LocalPhase2 {
  const config = readFulfilConfig(env);
  const tracker = trackerFromConfig(config);
  const subscriptions = localSubscriptions(env, config, { log, metrics: noMetrics, tracker });
  const fulfil = createFulfiller(config, {
    log,
    claims: createMemoryClaimStore(),
    tracker,
    subscriptions: subscriptions.settings,
  });
  const { ticker } = subscriptions;
  const ticking = ticker !== undefined && TICK_EVERY_MINUTE.read(env) === "on";
  const ticks = ticking ? startMinuteTicks(ticker, log) : undefined;
  err(
    !ticker
      ? "daily digests and follows: off (set SLACK_BOT_TOKEN to turn them on)"
      : ticking
        ? `daily digests and follows: kept in ${subscriptions.dataDir}, run every minute`
        : `daily digests and follows: kept in ${subscriptions.dataDir}, run by \`slacktrux tick\` (TICK_EVERY_MINUTE=off)`,
  );
  return { fulfil, stop: async () => ticks?.stop() };
}
