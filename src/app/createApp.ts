// The app core: one object, built from the ports a runtime supplies, that every runtime drives the
// same way — handle an HTTP request (or a Socket Mode envelope), run a job and say whether the
// platform should retry it, bury a job whose retries are spent, run a tick. A runtime only
// translates its own events into these calls.
import { ConfigError } from "../config/env.js";
import { DIGESTS } from "../config/registry.js";
import { createDigester } from "../digest/createDigester.js";
import type { DigestOutcome } from "../digest/digest.js";
import { readDigestJob, type DigestJob } from "../digest/digestJob.js";
import { readDigests } from "../digest/schedules.js";
import { describeFailure } from "../observe/describeFailure.js";
import { noMetrics } from "../observe/metrics.js";
import { createFulfiller } from "../phase2/createFulfiller.js";
import { createTicker, type Ticker } from "../phase2/createTicker.js";
import type { FulfilJob } from "../phase2/job.js";
import type { HomeJob } from "../phase2/homeJob.js";
import { createDeliver } from "../slack/deliverMessage.js";
import { createMemoryRefusedRunStore } from "../subscriptions/refusedRunStore.js";
import { isWebhookUrl } from "../slack/responseUrlPolicy.js";
import { keyOfTeam } from "../installations/installation.js";
import { duePosts, type DuePosts } from "./duePosts.js";
import type { RequestHandler } from "./handleRequest.js";
import { wireRequestSide } from "./requestSide.js";
import { runHomeJob } from "./runHomeJob.js";
import { jobKind, tickTime, type JobKind } from "./jobs.js";
import { systemClock, type AppPorts } from "./ports.js";
import { tellAskerItFailed } from "./tellAskerItFailed.js";

/** How a job ended, and whether the platform should run it again (its retries, then its dead letters). */
export interface JobResult {
  kind: JobKind;
  outcome: string;
  retry: boolean;
  /** Why, when it is to be retried or was dropped: for the platform's own error. */
  reason?: string;
  /** A tick job's report. */
  tick?: TickReport;
}

/** What a tick did: how many posts were due and how each ended. */
export interface TickReport {
  minute: string;
  due: number;
  outcomes: Record<string, number>;
  /** Posts that failed for now (Slack or a webhook unreachable): the tick is worth running again. */
  failed: number;
}

export interface App extends RequestHandler {
  runJob(job: unknown): Promise<JobResult>;
  /** A job whose retries are spent: the asker is told (once), anything else is logged for the admin. */
  buryJob(job: unknown): Promise<void>;
  /** The posts due at `at`'s minute, without posting them. */
  duePosts(at: Date): Promise<DuePosts>;
  /** Finds and posts what is due at `at`'s minute (and catches up the minutes before); never throws for a post that failed (see `failed`). */
  tick(at: Date): Promise<TickReport>;
  /**
   * Posts `due` (duePosts' answer for `at`, or any slice of it: a fan-out's batch), paced per channel:
   * what tick does after finding them.
   */
  deliverDuePosts(due: DuePosts, at: Date): Promise<TickReport>;
  /** Whether subscriptions are on (a store and a bot token): `slacktrux tick` and the docs say so. */
  readonly subscriptionsOn: boolean;
}

/** Checks the whole configuration now: a ConfigError names the setting at fault. */
export function createApp(ports: AppPorts): App {
  const { env, secrets, log, claims, http } = ports;
  const metrics = ports.metrics ?? noMetrics;
  const clock = ports.clock ?? systemClock;
  // The request side (the route table, the Events API, the Home, installs), and the tracker, so one
  // cache, for commands, digests and ticks alike.
  const requestSide = wireRequestSide(ports);
  const { config, tracker, installs, botTokens, store, home } = requestSide;
  const subscriptionConfig = requestSide.subscriptionConfig();
  const declared = readDigests(DIGESTS.read(env), { defaultTimeZone: subscriptionConfig.defaultTimeZone });
  const refusedRuns = ports.refusedRuns ?? createMemoryRefusedRunStore();
  log.info("configured", {
    phase: "config",
    digests: declared.length,
    subscriptions: store ? "on" : "off",
    installs: installs ? "on" : "off",
  });

  const fulfil = createFulfiller(config, {
    log,
    claims,
    tracker,
    http,
    metrics,
    subscriptions: store && {
      store,
      defaultTimeZone: subscriptionConfig.defaultTimeZone,
      followTime: subscriptionConfig.followTime,
    },
    whereToSetBotToken: secrets.whereToSet("SLACK_BOT_TOKEN"),
    webhookUrl: secrets.has("SLACK_WEBHOOK_URL") ? () => teamWebhookUrl(ports) : undefined,
  });
  const digest = createDigester(config, { log, tracker, claims, http, readNamedSecret: secrets.readNamed });
  const postSubscriptions: Ticker | undefined =
    store &&
    botTokens &&
    createTicker(config, subscriptionConfig, {
      store,
      claims,
      refusedRuns,
      tracker,
      http,
      log,
      metrics,
      tokenFor: (teamId) => botTokens.tokenFor(keyOfTeam(teamId)),
    });
  const deliver = createDeliver({ allowedHosts: config.responseUrlHosts, ...(http ? { http } : {}) });

  const findDue = (at: Date) => duePosts(at, declared, store, refusedRuns);

  async function tick(at: Date): Promise<TickReport> {
    return deliverDuePosts(await findDue(at), at);
  }

  async function deliverDuePosts(due: DuePosts, at: Date): Promise<TickReport> {
    const outcomes: Record<string, number> = {};
    const count = (outcome: string, by = 1) => (outcomes[outcome] = (outcomes[outcome] ?? 0) + by);
    const [digests, subscriptions] = await Promise.all([
      Promise.all(due.digests.map((job) => runDigest(job))),
      postSubscriptions?.([...due.subscriptions, ...due.earlier, ...(due.refused ?? [])], at),
    ]);
    for (const outcome of digests) count(outcome);
    for (const [outcome, n] of Object.entries(subscriptions?.outcomes ?? {})) count(outcome, n);
    const failed = (outcomes.failed ?? 0) + (outcomes["delivery-failed"] ?? 0);
    const report = { minute: due.minute, due: due.digests.length + due.subscriptions.length, outcomes, failed };
    if (failed > 0) log.warn("tick: posts failed", { phase: "tick", minute: due.minute, failed });
    return report;
  }

  /** A digest run; a crash (its webhook secret unreadable) counts as a failed post, with its reason logged. */
  async function runDigest(job: DigestJob): Promise<DigestOutcome> {
    try {
      return (await digest(job)).outcome;
    } catch (error) {
      log.error("digest crashed", { phase: "digest", digest: job.name ?? "unnamed", ...describeFailure(error) });
      return "delivery-failed";
    }
  }

  async function runJob(job: unknown): Promise<JobResult> {
    const kind = jobKind(job);
    try {
      switch (kind) {
        case "fulfil":
          return { kind, outcome: await fulfil(job as FulfilJob), retry: false };
        case "digest": {
          const result = await digest(readDigestJob(job));
          // Nothing reached the channel (the digest let go of its claim): run it again.
          if (result.outcome === "delivery-failed") {
            log.error("digest not delivered", { phase: "digest", digest: digestName(job), reason: result.reason });
          }
          if (result.outcome !== "delivery-failed") return { kind, outcome: result.outcome, retry: false };
          const reason = `digest not delivered: ${result.reason ?? "unknown reason"}`;
          return { kind, outcome: result.outcome, retry: true, reason };
        }
        case "tick": {
          const report = await tick(tickTime(job as { kind: "tick"; time: string }));
          if (report.failed === 0) return { kind, outcome: "done", retry: false, tick: report };
          const reason = `${report.failed} posts of ${report.minute} not posted`;
          return { kind, outcome: "failed", retry: true, reason, tick: report };
        }
        case "home":
          return { kind, outcome: await runHomeJob(job as HomeJob, home, log), retry: false };
        case "unknown":
          log.error("job unreadable, dropped", { phase: "job" });
          return { kind, outcome: "unreadable", retry: false, reason: "not a job this app knows" };
      }
    } catch (error) {
      // Every ordinary outcome ends in a message or a log line: a throw is a crash (a bug, a store
      // or configuration failing), left to the platform's retries and, after them, buryJob.
      log.error(`${kind} crashed`, {
        phase: kind,
        ...(kind === "fulfil" ? { requestId: (job as FulfilJob).requestId } : {}),
        ...(kind === "digest" ? { digest: digestName(job) } : {}),
        ...describeFailure(error),
      });
      return { kind, outcome: "crashed", retry: true, reason: describeFailure(error).reason };
    }
  }

  async function buryJob(job: unknown): Promise<void> {
    const kind = jobKind(job);
    if (kind === "fulfil") {
      await tellAskerItFailed(job as FulfilJob, {
        claims,
        deliver,
        log,
        deadlineMs: config.fulfilDeadlineMs,
        nowMs: () => clock.nowMs(),
      });
    } else if (kind === "tick") {
      log.error("tick failed after retries", { phase: "tick", minute: String((job as { time?: unknown }).time) });
    } else if (kind === "home") {
      log.error("home job failed after retries", { phase: "home", task: (job as HomeJob).task.type });
    } else if (kind === "digest") {
      log.error("digest failed after retries", { phase: "digest", digest: digestName(job) });
    } else {
      log.error("dead letter unreadable, dropped", { phase: "job" });
    }
  }

  return {
    ...requestSide.handler,
    runJob,
    buryJob,
    duePosts: findDue,
    tick,
    deliverDuePosts,
    subscriptionsOn: store !== undefined,
  };
}

/** The team channel's webhook, read from where the runtime keeps it and checked like any webhook. */
async function teamWebhookUrl(ports: AppPorts): Promise<string> {
  const url = (await ports.secrets.read("SLACK_WEBHOOK_URL")).trim();
  // The setting's name only: its value is a secret.
  if (!isWebhookUrl(url)) throw new ConfigError("SLACK_WEBHOOK_URL is not an https URL (http only on loopback)");
  return url;
}

/** The job's name for the log, read defensively: the job may be why it crashed. */
function digestName(job: unknown): string {
  const name = (job as { name?: unknown }).name;
  return typeof name === "string" ? name.slice(0, 64) : "unnamed";
}
