// The app core on one machine, as `slacktrux serve` (HTTP or Socket Mode) and `slacktrux tick`
// build it: secrets from the environment, work run in this process after the answer, and — with
// SLACK_BOT_TOKEN — subscriptions and their claims in files under SLACKTRUX_DATA_DIR, shared by
// every process using the folder, so a cron'd `slacktrux tick` and `npm start` post each run once.
import { join, resolve } from "node:path";
import { createMemoryClaimStore } from "../../claims/claimStore.js";
import { createFileClaimStore } from "../../claims/fileClaimStore.js";
import type { Env } from "../../config/env.js";
import { SLACKTRUX_DATA_DIR, SLACK_BOT_TOKEN } from "../../config/registry.js";
import { createApp, type App } from "../../app/createApp.js";
import { envSecrets } from "../../app/envSecrets.js";
import type { AppPorts } from "../../app/ports.js";
import type { Job } from "../../app/jobs.js";
import type { Logger } from "../../observe/log.js";
import { createFileSubscriptionStore } from "../../subscriptions/fileSubscriptionStore.js";
import { createInProcessHandOff } from "./inProcessHandOff.js";

/** This runtime's answer to "where do I set it": the environment, then a restart. */
export const whereToSetLocally = (name: string) => `set \`${name}\` in slacktrux's environment and restart it`;

export interface LocalApp {
  app: App;
  /** The absolute data folder. */
  dataDir: string;
  /** Resolves when every job started so far has finished (tests, graceful shutdown). */
  idle: () => Promise<void>;
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
  // Without the bot token nothing could post a subscription: no files, and commands say what to set.
  const subscribing = SLACK_BOT_TOKEN.read(env) !== undefined;
  const run = (job: Job) => app.runJob(job);
  const work = createInProcessHandOff(options.wrapRunJob ? options.wrapRunJob(run) : run, log);
  // `app` is read only when a job runs, after it is built.
  const app: App = createApp({
    env,
    secrets: envSecrets(env, whereToSetLocally),
    handOff: work.handOff,
    claims: subscribing ? createFileClaimStore(join(dataDir, "claims")) : createMemoryClaimStore(),
    subscriptions: subscribing ? createFileSubscriptionStore(dataDir) : undefined,
    log,
    ...options.ports,
  });
  return { app, dataDir, idle: work.idle };
}
