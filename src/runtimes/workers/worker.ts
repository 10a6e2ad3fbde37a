// slacktrux on Cloudflare Workers: the translator between Workers' three handlers and the app core.
//   fetch     → the core's handle(): every route; the hand-off is a message on the JOBS queue.
//   queue     → the core's runJob() for each message, acked or retried as it says; once retries
//               are spent the message lands on the dead-letter queue, whose batches go to buryJob().
//   scheduled → every minute, the core's tick(): DIGESTS and the subscriptions due then. A tick
//               with failed posts goes on the queue, for the queue's retries of that same minute
//               (what posted stays claimed). The tick runs in the cron rather than from the queue:
//               a queued tick every minute would cost three queue operations a minute, over 4,000
//               of the free plan's 10,000 a day.
// Claims and subscriptions live in D1, the tracker's page in the Cache API, and HTTP goes through fetch.
import { createApp, type App } from "../../app/createApp.js";
import { envSecrets } from "../../app/envSecrets.js";
import { createSqlInstallationStore } from "../../installations/sqlInstallationStore.js";
import { tickJobAt, type Job } from "../../app/jobs.js";
import { ConfigError } from "../../config/env.js";
import { checkPageLayout, readFulfilConfig, readPageLayout } from "../../config/fulfilConfig.js";
import { deleteTeamSubscriptions } from "../../events/sqlTeamSubscriptions.js";
import { createSqlUserPlaceStore } from "../../home/sqlUserPlaceStore.js";
import { describeFailure } from "../../observe/describeFailure.js";
import { createLogger, type Logger } from "../../observe/log.js";
import { textResponse } from "../../web/exchange.js";
import { fetchHttpClient } from "../../net/fetchHttpClient.js";
import { createCacheApiTrackerCache } from "./cacheApiTrackerCache.js";
import { createSqlClaimStore, type SqlClaimStore } from "../../storage/sqlClaimStore.js";
import { createSqlRefusedRunStore } from "../../storage/sqlRefusedRunStore.js";
import { createSqlSubscriptionStore } from "../../storage/sqlSubscriptionStore.js";
import { toInboundRequest, toResponse } from "../fetch/exchange.js";
import { createQueueHandOff } from "./queueHandOff.js";
import { textVariables } from "./workerConfig.js";

/** The bindings wrangler.jsonc declares, beside the vars and secrets. */
// Every export of this module must be a handler: workerd refuses anything else.
interface WorkerEnv {
  DB: D1Database;
  JOBS: Queue<Job>;
}

/** A queue whose name ends so is the dead-letter queue (wrangler.jsonc names it slacktrux-jobs-dlq). */
const DEAD_LETTER_SUFFIX = "-dlq";

/** This runtime's answer to "where do I set it". */
const whereToSet = (name: string) => `store it as the Worker secret \`${name}\`: \`wrangler secret put ${name}\``;

interface Built {
  app: App;
  claims: SqlClaimStore;
  enqueue: (job: Job) => Promise<void>;
}

const log: Logger = createLogger((line) => console.log(line));
// One per isolate and environment, built on the first request: the tracker's memory cache lives in it.
const built = new WeakMap<object, Built>();

function build(env: WorkerEnv): Built {
  if (!env.DB) throw new ConfigError("the Worker has no D1 binding named DB: see d1_databases in wrangler.jsonc");
  if (!env.JOBS) throw new ConfigError("the Worker has no queue binding named JOBS: see queues in wrangler.jsonc");
  const variables = textVariables(env);
  const { trackerLocation } = readFulfilConfig(variables);
  // A Worker has no files: a path or file: URL could only fail on every command.
  if (trackerLocation.protocol === "file:") {
    throw new ConfigError("TRACKER_URL must be an http(s) URL on Cloudflare Workers, which have no files to read");
  }
  const claims = createSqlClaimStore(env.DB, log);
  const enqueue = async (job: Job) => {
    await env.JOBS.send(job, { contentType: "json" });
  };
  const secrets = envSecrets(variables, whereToSet);
  // Checked now, not on the first command: a Worker without it could answer no one.
  if (!secrets.has("SLACK_SIGNING_SECRET"))
    throw new ConfigError(`SLACK_SIGNING_SECRET is not set: ${whereToSet("SLACK_SIGNING_SECRET")}`);
  const app = createApp({
    env: variables,
    secrets,
    handOff: createQueueHandOff(env.JOBS, log),
    claims,
    subscriptions: createSqlSubscriptionStore(env.DB, log),
    refusedRuns: createSqlRefusedRunStore(env.DB),
    // "Add to Slack" keeps its installations in D1 too (not KV: one write per second per key).
    installations: createSqlInstallationStore(env.DB),
    userPlaces: createSqlUserPlaceStore(env.DB),
    forgetTeamSubscriptions: (teamId) => deleteTeamSubscriptions(env.DB, teamId),
    http: fetchHttpClient,
    trackerCache: createCacheApiTrackerCache(caches.default, trackerLocation, log),
    log,
  });
  return { app, claims, enqueue };
}

/** The app, or undefined after logging why not: a configuration error is the admin's to fix, named in the log. */
async function configured(env: WorkerEnv, phase: string): Promise<Built | undefined> {
  try {
    let app = built.get(env);
    if (!app) {
      app = build(env);
      // What only the loaded parser can check (a selector tracker's selectors), before serving.
      await checkPageLayout(readPageLayout(textVariables(env)));
      built.set(env, app);
    }
    return app;
  } catch (error) {
    if (error instanceof ConfigError) log.error("configuration error", { phase, reason: error.message });
    else log.error("start-up failed", { phase, ...describeFailure(error) });
    return undefined;
  }
}

async function fetch(request: Request, env: WorkerEnv): Promise<Response> {
  const ready = await configured(env, "acknowledge");
  // Generic on purpose: the reason is in the log, and a value must never reach a caller.
  if (!ready) return toResponse(textResponse(500, "slacktrux is not configured correctly: see the Worker's logs"));
  const inbound = await toInboundRequest(request);
  if (!inbound) return toResponse(textResponse(413, "body too large"));
  return toResponse(await ready.app.handle(inbound));
}

async function queue(batch: MessageBatch<Job>, env: WorkerEnv): Promise<void> {
  const ready = await configured(env, "job");
  if (!ready) {
    // Retried, in case the configuration is fixed meanwhile; the log line above says what is wrong.
    batch.retryAll();
    return;
  }
  const deadLetters = batch.queue.endsWith(DEAD_LETTER_SUFFIX);
  await Promise.all(
    batch.messages.map(async (message) => {
      if (deadLetters) {
        await ready.app.buryJob(message.body);
        message.ack();
        return;
      }
      const result = await ready.app.runJob(message.body);
      if (result.retry) {
        log.warn("job to retry", { phase: result.kind, outcome: result.outcome, attempt: message.attempts });
        message.retry();
      } else message.ack();
    }),
  );
}

async function scheduled(controller: ScheduledController, env: WorkerEnv): Promise<void> {
  const ready = await configured(env, "tick");
  if (!ready) return;
  const at = new Date(controller.scheduledTime);
  await Promise.all([ready.claims.sweep(), tick(ready, at)]);
}

/** The minute's tick here; only one with failed posts, or one that crashed (D1 down), goes on the queue. */
async function tick({ app, enqueue }: Built, at: Date): Promise<void> {
  const job = tickJobAt(at);
  try {
    const report = await app.tick(at);
    if (report.failed === 0) return;
    log.warn("tick: posts failed, retrying from the queue", { phase: "tick", minute: job.time, failed: report.failed });
  } catch (error) {
    log.error("tick crashed, retrying from the queue", { phase: "tick", minute: job.time, ...describeFailure(error) });
  }
  try {
    await enqueue(job);
  } catch (error) {
    log.error("tick not queued", { phase: "tick", minute: job.time, ...describeFailure(error) });
  }
}

export default { fetch, queue, scheduled } satisfies ExportedHandler<WorkerEnv, Job>;
