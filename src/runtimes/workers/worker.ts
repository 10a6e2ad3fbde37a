// slacktrux on Cloudflare Workers: the same phase functions as on a laptop or Lambda, adapted.
//   fetch     → phase 1 (POST /slack/commands, POST /slack/interactions, GET /healthz); the
//               hand-off is a message on the JOBS queue.
//   queue     → phase 2 for each job (commands, clicks, digest runs, ticks to retry), retried by
//               the queue; once retries are spent the message lands on the dead-letter queue,
//               whose batches tell the asker plainly that it failed (once: under the command's claim).
//   scheduled → every minute, the digests due now (DIGESTS, each on its own clock) go on the queue,
//               and, with SLACK_BOT_TOKEN set, the subscription tick runs here (see tick below).
// Claims and subscriptions live in D1, the tracker's page in the Cache API, and HTTP goes through fetch.
import { ConfigError } from "../../config/env.js";
import { createLogger, type Logger } from "../../observe/log.js";
import { noMetrics } from "../../observe/metrics.js";
import { phase1For } from "../../phase1/routes.js";
import { textResponse } from "../../phase1/exchange.js";
import { createFulfiller, type Fulfiller } from "../../phase2/createFulfiller.js";
import type { FulfilJob, HandOff } from "../../phase2/job.js";
import { trackerFromConfig } from "../../phase2/trackerFromConfig.js";
import { createTicker, type Ticker } from "../../phase2/createTicker.js";
import { createDigester, type Digester } from "../../digest/createDigester.js";
import { isDigestJob, readDigestJob, type DigestJob } from "../../digest/digestJob.js";
import { dueAt, scheduledMinute } from "../../digest/dueAt.js";
import { fetchHttpClient } from "../../net/fetchHttpClient.js";
import { createDeliver } from "../../slack/deliverMessage.js";
import { createCacheApiTrackerCache } from "./cacheApiTrackerCache.js";
import { createSqlClaimStore, type SqlClaimStore } from "../../storage/sqlClaimStore.js";
import { createSqlSubscriptionStore } from "../../storage/sqlSubscriptionStore.js";
import { isTickJob, tickJobTime, type TickJob } from "./tickJob.js";
import { toInboundRequest, toResponse } from "./exchange.js";
import { createQueueHandOff, type QueuedJob } from "./queueHandOff.js";
import { readWorkerConfig, textVariables, type WorkerConfig } from "./workerConfig.js";
import { tellAskerItFailed } from "./deadLetter.js";

/** The bindings wrangler.jsonc declares, beside the vars and secrets. */
// Every export of this module must be a handler: workerd refuses anything else.
interface WorkerEnv {
  DB: D1Database;
  JOBS: Queue<QueuedJob>;
}

/** A queue whose name ends so is the dead-letter queue (wrangler.jsonc names it slacktrux-jobs-dlq). */
const DEAD_LETTER_SUFFIX = "-dlq";

interface App {
  config: WorkerConfig;
  claims: SqlClaimStore;
  handOff: HandOff;
  enqueue: (job: DigestJob | TickJob) => Promise<void>;
  fulfil: Fulfiller;
  digest: Digester;
  /** Runs the subscriptions due at a minute: absent without SLACK_BOT_TOKEN. */
  tick?: Ticker;
  tellAskerItFailed: (job: FulfilJob) => Promise<void>;
}

const log: Logger = createLogger((line) => console.log(line));

// One per isolate and environment, built on the first request: the tracker's memory cache lives in it.
const apps = new WeakMap<object, App>();

function build(env: WorkerEnv): App {
  if (!env.DB) throw new ConfigError("the Worker has no D1 binding named DB: see d1_databases in wrangler.jsonc");
  if (!env.JOBS) throw new ConfigError("the Worker has no queue binding named JOBS: see queues in wrangler.jsonc");
  const variables = textVariables(env);
  const config = readWorkerConfig(variables);
  const http = fetchHttpClient;
  const claims = createSqlClaimStore(env.DB, log);
  const tracker = trackerFromConfig(
    config.fulfil,
    http,
    createCacheApiTrackerCache(caches.default, config.fulfil.trackerLocation, log),
  );
  const deliver = createDeliver({ allowedHosts: config.fulfil.responseUrlHosts, http });
  const { botToken, defaultTimeZone, followTime } = config.subscriptions;
  // Without the bot token nothing could post them: `daily` and `follow` say what to set instead.
  const store = botToken === undefined ? undefined : createSqlSubscriptionStore(env.DB, log);
  log.info("configured", { phase: "config", digests: config.digests.length, subscriptions: store ? "on" : "off" });
  return {
    config,
    claims,
    handOff: createQueueHandOff(env.JOBS, log),
    enqueue: async (job) => {
      await env.JOBS.send(job, { contentType: "json" });
    },
    fulfil: createFulfiller(config.fulfil, {
      log,
      claims,
      tracker,
      http,
      subscriptions: store && { store, defaultTimeZone, followTime },
      botTokenHome: "worker-secret",
    }),
    ...(store && botToken !== undefined
      ? {
          tick: createTicker(config.fulfil, config.subscriptions, {
            store,
            claims,
            botToken,
            tracker,
            http,
            log,
            metrics: noMetrics,
          }),
        }
      : {}),
    digest: createDigester(config.fulfil, {
      log,
      tracker,
      claims,
      http,
      readWebhookSecret: async (name) => {
        const url = variables[name]?.trim();
        // The name is the admin's and no secret; the value is never shown.
        if (!url) throw new ConfigError(`the Worker secret ${name}, a digest's webhookSecret, is not set`);
        return url;
      },
    }),
    tellAskerItFailed: (job) =>
      tellAskerItFailed(job, { claims, deliver, log, deadlineMs: config.fulfil.fulfilDeadlineMs }),
  };
}

/** The app, or undefined after logging why not: a configuration error is the admin's to fix, named in the log. */
function configured(env: WorkerEnv, phase: string): App | undefined {
  try {
    let app = apps.get(env);
    if (!app) apps.set(env, (app = build(env)));
    return app;
  } catch (error) {
    if (error instanceof ConfigError) log.error("configuration error", { phase, reason: error.message });
    else log.error("start-up failed", { phase, error: (error as Error).name, reason: (error as Error).message });
    return undefined;
  }
}

// Generic on purpose: the reason is in the log, and a value must never reach a caller.
const notConfigured = () =>
  toResponse(textResponse(500, "slacktrux is not configured correctly: see the Worker's logs"));

async function fetch(request: Request, env: WorkerEnv): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (path === "/healthz") return configured(env, "healthz") ? toResponse(textResponse(200, "ok")) : notConfigured();
  const phase1 = phase1For(path);
  if (!phase1) return toResponse(textResponse(404, "not found"));
  if (request.method !== "POST") return toResponse(textResponse(405, "method not allowed", { allow: "POST" }));
  const app = configured(env, "acknowledge");
  if (!app) return notConfigured();
  try {
    const inbound = await toInboundRequest(request);
    if (!inbound) return toResponse(textResponse(413, "body too large"));
    const { signingSecret, defaultPlace } = app.config;
    return toResponse(await phase1(inbound, { signingSecret, handOff: app.handOff, log, defaultPlace }));
  } catch (error) {
    // Never a 5xx from a bad request (phase 1 answers those); this is a bug, logged as one.
    log.error("request handler failed", { phase: "acknowledge", error: (error as Error).name });
    return toResponse(textResponse(500, "internal error"));
  }
}

async function queue(batch: MessageBatch<QueuedJob>, env: WorkerEnv): Promise<void> {
  const app = configured(env, "fulfil");
  if (!app) {
    // Retried, in case the configuration is fixed meanwhile; the log line above says what is wrong.
    batch.retryAll();
    return;
  }
  const deadLetters = batch.queue.endsWith(DEAD_LETTER_SUFFIX);
  await Promise.all(batch.messages.map((message) => (deadLetters ? bury(app, message) : run(app, message))));
}

/** Phase 2 for one message: acked when done, retried by the queue when it crashed. */
async function run(app: App, message: Message<QueuedJob>): Promise<void> {
  const job = message.body;
  if (isTickJob(job)) return runTickAgain(app, message as Message<TickJob>);
  const digest = isDigestJob(job);
  try {
    if (digest) {
      const result = await app.digest(readDigestJob(job));
      // Nothing reached the channel: retry (the digest let go of its claim).
      if (result.outcome === "delivery-failed")
        throw new Error(`digest not delivered: ${result.reason ?? "unknown reason"}`);
    } else if (isFulfilJob(job)) {
      await app.fulfil(job);
    } else {
      log.error("queue message unreadable, dropped", { phase: "fulfil" });
    }
    message.ack();
  } catch (error) {
    log.error(digest ? "digest crashed" : "fulfil crashed", {
      phase: digest ? "digest" : "fulfil",
      requestId: digest ? undefined : (job as FulfilJob).requestId,
      attempt: message.attempts,
      error: (error as Error).name,
      reason: (error as Error).message,
    });
    message.retry();
  }
}

/** A message whose retries are spent: the asker is told; a digest's failure is logged for the admin. */
async function bury(app: App, message: Message<QueuedJob>): Promise<void> {
  const job = message.body;
  if (isTickJob(job)) {
    log.error("tick failed after retries", { phase: "tick", minute: String(job.time) });
  } else if (isDigestJob(job)) {
    const name = (job as { name?: unknown }).name;
    log.error("digest failed after retries", { phase: "digest", digest: typeof name === "string" ? name : "unnamed" });
  } else if (isFulfilJob(job)) {
    await app.tellAskerItFailed(job);
  } else {
    log.error("dead letter unreadable, dropped", { phase: "fulfil" });
  }
  message.ack();
}

/** Our own message, read defensively: only what phase 2 relies on. */
function isFulfilJob(value: unknown): value is FulfilJob {
  const job = value as Partial<FulfilJob> | null;
  return (
    typeof job === "object" &&
    job !== null &&
    typeof job.requestId === "string" &&
    typeof job.receivedAtMs === "number" &&
    typeof job.asker?.responseUrl === "string" &&
    typeof job.request?.kind === "string"
  );
}

async function scheduled(controller: ScheduledController, env: WorkerEnv): Promise<void> {
  const app = configured(env, "digest");
  if (!app) return;
  const instant = new Date(controller.scheduledTime);
  const due = dueAt(app.config.digests, instant);
  await Promise.all([
    app.claims.sweep(),
    tick(app, instant),
    ...due.map(async (schedule) => {
      try {
        // Through the queue, for its retries; the run's minute keys its claim, so a cron that
        // fires twice posts once.
        await app.enqueue({ ...schedule.job, scheduledTime: scheduledMinute(instant) });
      } catch (error) {
        log.error("digest not queued", { phase: "digest", digest: schedule.name, error: (error as Error).name });
      }
    }),
  ]);
}

export default { fetch, queue, scheduled } satisfies ExportedHandler<WorkerEnv, QueuedJob>;

/**
 * The subscriptions due at the cron's minute, run here rather than from the queue: a queued tick
 * would cost three queue operations a minute (over 4,000 of the free plan's 10,000 a day) to do
 * what the cron can do itself. Only a tick with failed posts, or one that crashed (D1 down), goes
 * on the queue, for the queue's retries of that same minute; what posted stays claimed.
 */
async function tick(app: App, instant: Date): Promise<void> {
  if (!app.tick) return;
  const minute = scheduledMinute(instant);
  try {
    const result = await app.tick(instant);
    const failed = result.outcomes.failed ?? 0;
    if (failed === 0) return;
    log.warn("tick: posts failed, retrying from the queue", { phase: "tick", minute, failed });
  } catch (error) {
    log.error("tick crashed, retrying from the queue", {
      phase: "tick",
      minute,
      error: (error as Error).name,
      reason: (error as Error).message,
    });
  }
  try {
    await app.enqueue({ kind: "tick", time: minute });
  } catch (error) {
    log.error("tick not queued", { phase: "tick", minute, error: (error as Error).name });
  }
}

/** A queued tick: its minute again, retried by the queue while posts still fail. */
async function runTickAgain(app: App, message: Message<TickJob>): Promise<void> {
  if (!app.tick) {
    // The token was removed since: nothing can post, and nothing will until it is back.
    log.warn("tick dropped: SLACK_BOT_TOKEN is not set", { phase: "tick" });
    message.ack();
    return;
  }
  try {
    const result = await app.tick(tickJobTime(message.body));
    const failed = result.outcomes.failed ?? 0;
    if (failed > 0) throw new Error(`${failed} subscriptions not posted`);
    message.ack();
  } catch (error) {
    log.error("tick crashed", {
      phase: "tick",
      attempt: message.attempts,
      error: (error as Error).name,
      reason: (error as Error).message,
    });
    message.retry();
  }
}
