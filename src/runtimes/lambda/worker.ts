// The Lambda worker's translator: every event is a job for the app core — a command's or click's
// job by async invoke from the receiver, a tick (`{"kind": "tick", "time": …}`) from the
// EventBridge Scheduler schedule every minute, and a batch of due posts from the tick's queue
// (tickFanOut.ts: with DUE_POSTS_QUEUE_URL set, the tick sends what is due there instead of posting it). A job the core says to retry (a crash, or a post that failed for now) throws, so
// Lambda's async retries run it again and, after them, the on-failure queue and its alarm get it;
// what already posted is claimed and stays quiet.
// With installs on (SLACK_CLIENT_ID, and INSTALLATIONS_TABLE set by the stack), every post goes out
// with its workspace's installed token, refreshed under the table's conditional writes when it
// rotates (with the client secret from SSM, read when the instance first asks for a token).
// Building does no I/O.
import { ConfigError, type Env } from "../../config/env.js";
import { checkPageLayout, readPageLayout } from "../../config/fulfilConfig.js";
import { isSet, SLACK_WEBHOOK_URL } from "../../config/registry.js";
import { CLAIMS_TABLE, DUE_POSTS_QUEUE_URL, INSTALLATIONS_TABLE, SUBSCRIPTIONS_TABLE } from "./lambdaSettings.js";
import { jobKind, tickTime, type TickJob } from "../../app/jobs.js";
import { deliverBatches, fanOutTick, isSqsEvent, type BatchResponse, type FanOutReport } from "./tickFanOut.js";
import { createMemoryClaimStore, type ClaimStore } from "../../claims/claimStore.js";
import { createApp, type App, type TickReport } from "../../app/createApp.js";
import { createLogger, type Logger } from "../../observe/log.js";
import { createEmfMetrics, type Metrics } from "../../observe/metrics.js";
import { describeFailure } from "../../observe/describeFailure.js";
import { awsServiceFromEnv } from "./aws/awsService.js";
import { createDynamoClaimStore } from "./aws/dynamoClaimStore.js";
import { createDynamoInstallationStore } from "./aws/dynamoInstallationStore.js";
import {
  createDynamoSubscriptionStore,
  createDynamoTeamSubscriptionsForgetter,
} from "./aws/dynamoSubscriptionStore.js";
import { createDynamoRefusedRunStore } from "./aws/dynamoRefusedRunStore.js";
import { userPlaceStoreFromEnv } from "./aws/dynamoUserPlaceStore.js";
import { createSsmSecrets } from "./ssmSecrets.js";

/** The job's outcome (a tick's report, or the queue's batch response); a throw asks Lambda to retry. */
export type Worker = (event: unknown) => Promise<string | TickReport | FanOutReport | BatchResponse>;

export function createWorker(env: Env, log: Logger = createLogger(), metrics: Metrics = createEmfMetrics()): Worker {
  // Built on the first event and kept while the instance is warm: the tracker cache lives in it.
  let app: App | undefined;
  const build = async (): Promise<App> => {
    if (isSet(SLACK_WEBHOOK_URL, env)) {
      throw new ConfigError(
        "SLACK_WEBHOOK_URL is not read on AWS Lambda, where it would sit in plain text: store the URL as an SSM SecureString and name it in SLACK_WEBHOOK_PARAMETER (CDK context webhookParameter)",
      );
    }
    const subscriptionsTable = SUBSCRIPTIONS_TABLE.read(env);
    const installationsTable = INSTALLATIONS_TABLE.read(env);
    const dynamodb = () => awsServiceFromEnv("dynamodb", env);
    const subscriptions = subscriptionsTable ? { table: subscriptionsTable, log, dynamodb: dynamodb() } : undefined;
    const built = createApp({
      env,
      secrets: createSsmSecrets(env),
      handOff: async () => {
        // The worker runs jobs; it never answers a request, so it never hands one off.
        throw new Error("the worker hands off no jobs");
      },
      claims: claimStore(env, log, metrics),
      subscriptions: subscriptions && createDynamoSubscriptionStore(subscriptions),
      // Read by the core only when SLACK_CLIENT_ID turns installs on; else SLACK_BOT_TOKEN posts.
      installations: installationsTable
        ? createDynamoInstallationStore({ table: installationsTable, dynamodb: dynamodb() })
        : undefined,
      forgetTeamSubscriptions: subscriptions && createDynamoTeamSubscriptionsForgetter(subscriptions),
      // The places people save in the Home's modal (answered by the receiver), for the Homes the worker publishes.
      userPlaces: userPlaceStoreFromEnv(env),
      refusedRuns: subscriptionsTable
        ? createDynamoRefusedRunStore({ table: subscriptionsTable, dynamodb: dynamodb() })
        : undefined,
      log,
      metrics,
    });
    // What only the loaded parser can check (a selector tracker's selectors), before any job.
    await checkPageLayout(readPageLayout(env));
    return built;
  };

  return async (event) => {
    try {
      app ??= await build();
    } catch (error) {
      log.error("configuration error", { phase: "config", ...describeFailure(error) });
      throw error;
    }
    if (isSqsEvent(event)) return deliverBatches(app, event, log);
    const queueUrl = DUE_POSTS_QUEUE_URL.read(env);
    if (queueUrl && jobKind(event) === "tick") {
      try {
        return await fanOutTick(app, tickTime(event as TickJob), { url: queueUrl, sqs: awsServiceFromEnv("sqs", env) });
      } catch (error) {
        log.error("tick crashed", { phase: "tick", ...describeFailure(error) });
        throw error;
      }
    }
    const result = await app.runJob(event);
    // Thrown with the core's reason, so Lambda's retries and the on-failure queue say why.
    if (result.retry) throw new Error(result.reason ?? `${result.kind} job ${result.outcome}`);
    return result.tick ?? result.outcome;
  };
}

/** DynamoDB when CLAIMS_TABLE names a table; otherwise this instance's memory (a trial setup). */
function claimStore(env: Env, log: Logger, metrics: Metrics): ClaimStore {
  const table = CLAIMS_TABLE.read(env);
  if (!table) return createMemoryClaimStore();
  return createDynamoClaimStore({ table, log, metrics, dynamodb: awsServiceFromEnv("dynamodb", env) });
}

export const handler: Worker = createWorker(process.env);
