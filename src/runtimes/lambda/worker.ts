// Phase 2 on AWS Lambda. Its event is either a FulfilJob, invoked asynchronously by the receiver,
// or a DigestJob (`"kind": "digest"`), from an EventBridge Scheduler schedule (which delivers at
// least once: both kinds are claimed in the same idempotency store, so each posts once). fulfil() and
// digest() end every ordinary outcome in a message or a log line, so a throw from here is a real
// crash — bad configuration, a bug, an unreadable webhook parameter — and is left to Lambda's
// async retries and, after them, the on-failure queue and its alarm.
import { ConfigError, type Env } from "../../config/env.js";
import {
  IDEMPOTENCY_TABLE,
  isSet,
  SLACK_BOT_TOKEN,
  SLACK_BOT_TOKEN_PARAMETER,
  SLACK_WEBHOOK_PARAMETER,
  SLACK_WEBHOOK_URL,
  SUBSCRIPTIONS_TABLE,
} from "../../config/registry.js";
import { readSubscriptionConfig } from "../../config/subscriptionConfig.js";
import { createDynamoSubscriptionStore } from "../../aws/dynamoSubscriptionStore.js";
import { cachedOnSuccess } from "../../aws/cachedOnSuccess.js";
import { createTicker, type Ticker } from "../../phase2/createTicker.js";
import type { SubscriptionSettings } from "../../phase2/manageSubscriptions.js";
import type { TickResult } from "../../subscriptions/tick.js";
import { isTickEvent, tickTime, type TickEvent } from "./tickEvent.js";
import { readFulfilConfig } from "../../config/fulfilConfig.js";
import { createLogger, type Logger } from "../../observe/log.js";
import { createEmfMetrics, type Metrics } from "../../observe/metrics.js";
import { createDigester, type Digester } from "../../digest/createDigester.js";
import { createFulfiller, type Fulfiller } from "../../phase2/createFulfiller.js";
import type { DigestOutcome } from "../../digest/digest.js";
import { isDigestJob, readDigestJob, type DigestJob } from "../../digest/digestJob.js";
import type { FulfilOutcome } from "../../phase2/fulfil.js";
import type { FulfilJob } from "../../phase2/job.js";
import { createMemoryClaimStore, type ClaimStore } from "../../claims/claimStore.js";
import { trackerFromConfig } from "../../phase2/trackerFromConfig.js";
import { awsServiceFromEnv, describeFailure } from "../../aws/awsService.js";
import { createWebhookParameterReader } from "./digestWebhook.js";
import { createDynamoClaimStore } from "../../aws/dynamoClaimStore.js";
import { getSecureString } from "../../aws/ssmParameter.js";
import { isWebhookUrl } from "../../slack/responseUrlPolicy.js";

export type Worker = (event: FulfilJob | DigestJob | TickEvent) => Promise<FulfilOutcome | DigestOutcome | TickResult>;

interface Phase2 {
  fulfil: Fulfiller;
  digest: Digester;
  /** Absent when subscriptions are not set up (no SUBSCRIPTIONS_TABLE or bot token). */
  tick?: Ticker;
}

export function createWorker(env: Env, log: Logger = createLogger(), metrics: Metrics = createEmfMetrics()): Worker {
  // Built on the first event and kept while the instance is warm: the tracker cache lives in it,
  // shared by commands and digests.
  let phase2: Phase2 | undefined;
  const build = (): Phase2 => {
    const config = readFulfilConfig(env);
    if (isSet(SLACK_WEBHOOK_URL, env)) {
      throw new ConfigError(
        "SLACK_WEBHOOK_URL is not read on AWS Lambda, where it would sit in plain text: store the URL as an SSM SecureString and name it in SLACK_WEBHOOK_PARAMETER (CDK context webhookParameter)",
      );
    }
    const tracker = trackerFromConfig(config);
    // One store for both: a command's key and a scheduled digest run's never collide.
    const claims = claimStore(env, log, metrics);
    const subscriptions = subscriptionsOf(env, log);
    // Each parameter read once per instance (a failed read is tried again), digests' and the team's alike.
    const readWebhookParameter = createWebhookParameterReader((name) =>
      getSecureString(awsServiceFromEnv("ssm", env), name),
    );
    const teamWebhookParameter = SLACK_WEBHOOK_PARAMETER.read(env);
    return {
      fulfil: createFulfiller(config, {
        subscriptions: subscriptions?.settings,
        botTokenHome: "ssm-parameter",
        log,
        claims,
        tracker,
        metrics,
        ...(teamWebhookParameter
          ? { webhookUrl: () => teamWebhookUrl(readWebhookParameter, teamWebhookParameter) }
          : {}),
      }),
      digest: createDigester(config, { log, tracker, claims, readWebhookParameter }),
      ...(subscriptions
        ? {
            tick: createTicker(config, subscriptions.config, {
              store: subscriptions.settings.store,
              claims,
              tracker,
              log,
              metrics,
              botToken: subscriptions.botToken,
            }),
          }
        : {}),
    };
  };

  return async (event) => {
    if (isTickEvent(event)) {
      try {
        const { tick } = (phase2 ??= build());
        if (!tick) throw new ConfigError("a tick arrived, but SUBSCRIPTIONS_TABLE or the bot token is not set");
        const result = await tick(tickTime(event));
        // Slack down or rate-limiting past our bound: fail, so Lambda retries this minute (what
        // posted is claimed and stays quiet). A refused token is its own alarm (SlackAuthErrors).
        if ((result.outcomes.failed ?? 0) > 0) throw new Error(`${result.outcomes.failed} subscriptions not posted`);
        return result;
      } catch (error) {
        log.error("tick crashed", { phase: "tick", ...describeFailure(error) });
        throw error;
      }
    }
    if (isDigestJob(event)) {
      try {
        const result = await (phase2 ??= build()).digest(readDigestJob(event));
        // Nothing reached the channel: fail, so Lambda retries and the job ends in the queue with an alarm.
        if (result.outcome === "delivery-failed")
          throw new Error(`digest not delivered: ${result.reason ?? "unknown reason"}`);
        return result.outcome;
      } catch (error) {
        log.error("digest crashed", { phase: "digest", digest: digestName(event), ...describeFailure(error) });
        throw error;
      }
    }
    const job = event as FulfilJob;
    try {
      return await (phase2 ??= build()).fulfil(job);
    } catch (error) {
      log.error("fulfil crashed", { phase: "fulfil", requestId: job?.requestId, ...describeFailure(error) });
      throw error;
    }
  };
}

/** The event's name for the log, read defensively: the event may be why it crashed. */
function digestName(event: unknown): string {
  const name = (event as { name?: unknown }).name;
  return typeof name === "string" ? name.slice(0, 64) : "unnamed";
}

/** DynamoDB when IDEMPOTENCY_TABLE names a table; otherwise this instance's memory (a trial setup). */
function claimStore(env: Env, log: Logger, metrics: Metrics): ClaimStore {
  const table = IDEMPOTENCY_TABLE.read(env);
  if (!table) return createMemoryClaimStore();
  return createDynamoClaimStore({ table, log, metrics, dynamodb: awsServiceFromEnv("dynamodb", env) });
}

/** The team channel's webhook from its SSM parameter; fulfil answers the asker instead when this throws. */
async function teamWebhookUrl(read: (name: string) => Promise<string>, parameter: string): Promise<string> {
  const url = (await read(parameter)).trim();
  // The parameter's name only: its value is a secret.
  if (!isWebhookUrl(url))
    throw new ConfigError(`SSM parameter ${parameter} (SLACK_WEBHOOK_PARAMETER) is not an https URL`);
  return url;
}

/** Subscriptions when the stack set them up: the table, and the bot token's SSM parameter (or the token). */
function subscriptionsOf(env: Env, log: Logger) {
  const table = SUBSCRIPTIONS_TABLE.read(env);
  const parameter = SLACK_BOT_TOKEN_PARAMETER.read(env);
  if (!table || (!parameter && !SLACK_BOT_TOKEN.read(env))) return undefined;
  const config = readSubscriptionConfig(env);
  const store = createDynamoSubscriptionStore({ table, log, dynamodb: awsServiceFromEnv("dynamodb", env) });
  const settings: SubscriptionSettings = {
    store,
    defaultTimeZone: config.defaultTimeZone,
    followTime: config.followTime,
  };
  const readToken = cachedOnSuccess((name: string) => getSecureString(awsServiceFromEnv("ssm", env), name));
  return {
    config,
    settings,
    // Read when a tick first posts, not at every cold start: commands never need it.
    botToken: parameter ? () => readToken(parameter) : config.botToken!,
  };
}

export const handler: Worker = createWorker(process.env);
