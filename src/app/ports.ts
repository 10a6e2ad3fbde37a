// What a runtime hands the app core: the ports. The core is the same everywhere; a runtime differs
// only in what it plugs in here (files or D1 or DynamoDB, env or SSM or Worker secrets, an
// in-process promise or an async invoke or a queue) and in how it translates its own events.
import type { ClaimStore } from "../claims/claimStore.js";
import type { UserPlaceStore } from "../home/userPlaceStore.js";
import type { Env } from "../config/env.js";
import type { BotTokens } from "../installations/botTokens.js";
import type { InstallationStore } from "../installations/installationStore.js";
import type { HttpClient } from "../net/httpRequest.js";
import type { Logger } from "../observe/log.js";
import type { Metrics } from "../observe/metrics.js";
import type { RefusedRunStore } from "../subscriptions/refusedRunStore.js";
import type { SubscriptionStore } from "../subscriptions/store.js";
import type { SharedTrackerCache } from "../trucks/tracker.js";
import type { Job } from "./jobs.js";

/** The secrets the app reads by their setting's name. */
export type SecretName = "SLACK_SIGNING_SECRET" | "SLACK_BOT_TOKEN" | "SLACK_WEBHOOK_URL" | "SLACK_CLIENT_SECRET";

export interface SecretSource {
  /** Whether `name` is set up on this runtime: known without reading it (no I/O). */
  has: (name: SecretName) => boolean;
  /** The value; throws a ConfigError saying where to set it when it is not, OutOfTime past `deadlineMs`. */
  read: (name: SecretName, deadlineMs?: number) => Promise<string>;
  /** A secret that configuration names (a DIGESTS entry's webhookSecret): its value. */
  readNamed: (reference: string) => Promise<string>;
  /** The sentence an admin reads to set `name` on this runtime, e.g. "set SLACK_BOT_TOKEN … and restart". */
  whereToSet: (name: SecretName) => string;
}

/**
 * Starts work after the answer: a command's or click's job, or a retry of a tick. `deadlineMs`
 * (epoch ms) bounds a hand-off made inside a request's time budget.
 */
export type HandOff = (job: Job, deadlineMs?: number) => Promise<void>;

export interface Clock {
  nowMs: () => number;
}

export interface AppPorts {
  /** The settings (environment variables, or a Worker's vars), read through config/registry.ts. */
  env: Env;
  secrets: SecretSource;
  handOff: HandOff;
  claims: ClaimStore;
  /** Where `daily` and `follow` are kept; without one (or without a bot token) they say what to set. */
  subscriptions?: SubscriptionStore | undefined;
  /**
   * The runs Slack refused for their bot token, which later ticks retry until their day is over:
   * beside the subscriptions. This instance's memory without one (lost at restart).
   */
  refusedRuns?: RefusedRunStore | undefined;
  /** The workspaces that added the app ("Add to Slack"): required when SLACK_CLIENT_ID is set. */
  installations?: InstallationStore | undefined;
  /**
   * Each workspace's bot token, for every post or call as the app. By default the installations'
   * tokens (refreshed when they rotate) when installs are on, else SLACK_BOT_TOKEN for everyone.
   */
  botTokens?: BotTokens | undefined;
  /** The Home: each person's saved place (in memory, and lost at restart, without one). */
  userPlaces?: UserPlaceStore | undefined;
  /** app_uninstalled / tokens_revoked: deletes a workspace's daily posts and follows, returns how many. */
  forgetTeamSubscriptions?: ((teamId: string) => Promise<number>) | undefined;
  /** Node's http client by default. */
  http?: HttpClient | undefined;
  /** A tracker cache beyond this instance's memory. */
  trackerCache?: SharedTrackerCache | undefined;
  clock?: Clock | undefined;
  log: Logger;
  /** None by default. */
  metrics?: Metrics | undefined;
}

export const systemClock: Clock = { nowMs: () => Date.now() };
