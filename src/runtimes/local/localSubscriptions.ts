// Subscriptions on one machine, as `npm start` and `slacktrux tick` both build them: the files
// under SLACKTRUX_DATA_DIR (subscriptions.json, and claims/ for each day's runs, shared by every
// process using the folder) and the bot token from SLACK_BOT_TOKEN. Without the token the feature
// is off: commands say what to set, and nothing ticks.
import { resolve, join } from "node:path";
import type { Env } from "../../config/env.js";
import type { FulfilConfig } from "../../config/fulfilConfig.js";
import { SLACKTRUX_DATA_DIR } from "../../config/registry.js";
import { readSubscriptionConfig } from "../../config/subscriptionConfig.js";
import type { Logger } from "../../observe/log.js";
import type { Metrics } from "../../observe/metrics.js";
import { createFileClaimStore } from "../../claims/fileClaimStore.js";
import { createFileSubscriptionStore } from "../../subscriptions/fileSubscriptionStore.js";
import type { SubscriptionSettings } from "../../phase2/manageSubscriptions.js";
import { createTicker, type Ticker } from "../../phase2/createTicker.js";
import type { Tracker } from "../../trucks/tracker.js";

export interface LocalSubscriptions {
  /** The absolute data folder. */
  dataDir: string;
  /** For the fulfiller: absent without a bot token. */
  settings?: SubscriptionSettings;
  /** Runs what is due at a minute: absent without a bot token. */
  ticker?: Ticker;
}

export function localSubscriptions(
  env: Env,
  config: FulfilConfig,
  services: { log: Logger; metrics: Metrics; tracker?: Tracker },
): LocalSubscriptions {
  const subscriptionConfig = readSubscriptionConfig(env);
  const dataDir = resolve(SLACKTRUX_DATA_DIR.read(env));
  const { botToken } = subscriptionConfig;
  if (botToken === undefined) return { dataDir };
  const store = createFileSubscriptionStore(dataDir);
  return {
    dataDir,
    settings: {
      store,
      defaultTimeZone: subscriptionConfig.defaultTimeZone,
      followTime: subscriptionConfig.followTime,
    },
    ticker: createTicker(config, subscriptionConfig, {
      store,
      claims: createFileClaimStore(join(dataDir, "claims")),
      botToken,
      ...services,
    }),
  };
}
