// The app core on one machine, as `slacktrux serve` (HTTP or Socket Mode) and `slacktrux tick`
// build it: secrets from the environment, work run in this process after the answer, and — with
// SLACK_BOT_TOKEN or SLACK_CLIENT_ID — subscriptions, installations and their claims in the SQLite database `slacktrux.db` under
// SLACKTRUX_DATA_DIR, shared by every process using the folder, so a cron'd `slacktrux tick` and
// `npm start` post each run once.
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import { join, resolve } from "node:path";
import { createMemoryClaimStore } from "../../claims/claimStore.js";
import type { Env } from "../../config/env.js";
import { SLACKTRUX_DATA_DIR, SLACK_BOT_TOKEN, SLACK_CLIENT_ID } from "../../config/registry.js";
import { createSqlInstallationStore } from "../../installations/sqlInstallationStore.js";
import { createApp, type App } from "../../app/createApp.js";
import { envSecrets } from "../../app/envSecrets.js";
import type { AppPorts } from "../../app/ports.js";
import type { Job } from "../../app/jobs.js";
import { deleteTeamSubscriptions } from "../../events/sqlTeamSubscriptions.js";
import { createSqlUserPlaceStore } from "../../home/sqlUserPlaceStore.js";
import type { Logger } from "../../observe/log.js";
import { createSqlClaimStore } from "../../storage/sqlClaimStore.js";
import { createSqlRefusedRunStore } from "../../storage/sqlRefusedRunStore.js";
import { createSqlSubscriptionStore } from "../../storage/sqlSubscriptionStore.js";
import { importSubscriptionsFile, SUBSCRIPTIONS_BACKUP } from "./importSubscriptionsFile.js";
import { createInProcessHandOff } from "./inProcessHandOff.js";
import { openSqliteDatabase } from "./sqliteDatabase.js";
import { removeOldTempFiles } from "./removeOldTempFiles.js";

export const DATABASE_FILE = "slacktrux.db";

/** This runtime's answer to "where do I set it": the environment, then a restart. */
export const whereToSetLocally = (name: string) => `set \`${name}\` in slacktrux's environment and restart it`;

export interface LocalApp {
  app: App;
  /** The absolute data folder. */
  dataDir: string;
  /** Resolves when every job started so far has finished (tests, graceful shutdown). */
  idle: () => Promise<void>;
  /** Closes the database, if one was opened: after idle(). */
  close: () => void;
}

export interface LocalAppOptions {
  log: Logger;
  /** Tests: ports to replace (a claim store, an HTTP client). */
  ports?: Partial<AppPorts>;
  /** Tests: stands between the hand-off and the core's runJob (to record jobs, or run each twice). */
  wrapRunJob?: (run: (job: Job) => Promise<unknown>) => (job: Job) => Promise<unknown>;
}

export function createLocalApp(env: Env, options: LocalAppOptions): LocalApp {
  const { log } = options;
  const dataDir = resolve(SLACKTRUX_DATA_DIR.read(env));
  // Without a bot token or installs nothing could post a subscription: no database, and commands say what to set.
  const installing = SLACK_CLIENT_ID.read(env) !== undefined;
  const subscribing = installing || SLACK_BOT_TOKEN.read(env) !== undefined;
  const database = subscribing ? openLocalDatabase(dataDir, log) : undefined;
  const claims = database ? createSqlClaimStore(database.db, log) : createMemoryClaimStore();
  // Claims of past days' runs: deleted at start, so the table holds about a day's keys.
  if (database) void (claims as ReturnType<typeof createSqlClaimStore>).sweep();
  const run = (job: Job) => app.runJob(job);
  const work = createInProcessHandOff(options.wrapRunJob ? options.wrapRunJob(run) : run, log);
  // `app` is read only when a job runs, after it is built.
  const app: App = createApp({
    env,
    secrets: envSecrets(env, whereToSetLocally),
    handOff: work.handOff,
    claims,
    subscriptions: database ? createSqlSubscriptionStore(database.db, log) : undefined,
    refusedRuns: database ? createSqlRefusedRunStore(database.db) : undefined,
    installations: database && installing ? createSqlInstallationStore(database.db) : undefined,
    userPlaces: database ? createSqlUserPlaceStore(database.db) : undefined,
    forgetTeamSubscriptions: database ? (teamId) => deleteTeamSubscriptions(database.db, teamId) : undefined,
    log,
    ...options.ports,
  });
  return { app, dataDir, idle: work.idle, close: () => database?.close() };
}

/** slacktrux.db in the data folder, migrated, with an old subscriptions.json imported once. */
function openLocalDatabase(dataDir: string, log: Logger) {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE);
  // It holds bot tokens: readable by slacktrux's user alone (SQLite gives its -wal and -shm files the same mode).
  closeSync(openSync(file, "a", 0o600));
  chmodSync(file, 0o600);
  const database = openSqliteDatabase(file);
  const imported = importSubscriptionsFile(database.raw, dataDir);
  const removed = removeOldTempFiles(dataDir);
  if (removed > 0) log.info("old temp files removed from the data folder", { phase: "subscriptions", count: removed });
  if (imported !== undefined)
    log.info("subscriptions imported into the database", {
      phase: "subscriptions",
      count: imported,
      backup: join(dataDir, SUBSCRIPTIONS_BACKUP),
    });
  return database;
}
