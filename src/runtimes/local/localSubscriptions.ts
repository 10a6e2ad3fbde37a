// Subscriptions on one machine, as `npm start` and `slacktrux tick` both build them: the SQLite
// database `slacktrux.db` under SLACKTRUX_DATA_DIR (subscriptions, and the claims of each day's
// runs, shared by every process using the folder) and the bot token from SLACK_BOT_TOKEN. Without
// the token the feature is off: commands say what to set, and nothing ticks.
import { mkdirSync } from "node:fs";
import { resolve, join } from "node:path";
import type { Env } from "../../config/env.js";
import type { FulfilConfig } from "../../config/fulfilConfig.js";
import { SLACKTRUX_DATA_DIR } from "../../config/registry.js";
import { readSubscriptionConfig } from "../../config/subscriptionConfig.js";
import type { Logger } from "../../observe/log.js";
import type { Metrics } from "../../observe/metrics.js";
import type { SubscriptionSettings } from "../../phase2/manageSubscriptions.js";
import { createTicker, type Ticker } from "../../phase2/createTicker.js";
import { createSqlClaimStore } from "../../storage/sqlClaimStore.js";
import { createSqlSubscriptionStore } from "../../storage/sqlSubscriptionStore.js";
import type { Tracker } from "../../trucks/tracker.js";
import { importSubscriptionsFile, SUBSCRIPTIONS_BACKUP } from "./importSubscriptionsFile.js";
import { openSqliteDatabase } from "./sqliteDatabase.js";

export const DATABASE_FILE = "slacktrux.db";

export interface LocalSubscriptions {
  /** The absolute data folder. */
  dataDir: string;
  /** For the fulfiller: absent without a bot token. */
  settings?: SubscriptionSettings;
  /** Runs what is due at a minute: absent without a bot token. */
  ticker?: Ticker;
  /** Closes the database (absent without a bot token). */
  close?: () => void;
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
  mkdirSync(dataDir, { recursive: true });
  const database = openSqliteDatabase(join(dataDir, DATABASE_FILE));
  const imported = importSubscriptionsFile(database.raw, dataDir);
  if (imported !== undefined)
    services.log.info("subscriptions imported into the database", {
      phase: "subscriptions",
      count: imported,
      backup: join(dataDir, SUBSCRIPTIONS_BACKUP),
    });
  const store = createSqlSubscriptionStore(database.db, services.log);
  const claims = createSqlClaimStore(database.db, services.log);
  // Claims of past days' runs: deleted at start, so the table holds about a day's keys.
  void claims.sweep();
  return {
    dataDir,
    settings: {
      store,
      defaultTimeZone: subscriptionConfig.defaultTimeZone,
      followTime: subscriptionConfig.followTime,
    },
    ticker: createTicker(config, subscriptionConfig, { store, claims, botToken, ...services }),
    close: () => database.close(),
  };
}
