// The Lambda receiver's translator, behind a Function URL: the event into the app core's request,
// its response back into the Function URL's result. The core here is its request side alone
// (app/requestSide.ts: the routes, the Events API, the Home's modals and clicks, "Add to Slack"),
// so the bundle holds no job code (fulfil, digests, the tick). Each request gets its share of
// Slack's 3 s for the calls it makes (timeBudget.ts): the signing secret from SSM, read only for a
// request that passed every check needing no secret, the worker's async invoke, and every DynamoDB
// call (claims for event ids and OAuth states, installations, subscriptions, saved places) and an
// install callback's oauth.v2.access. Building it does no I/O.
import type { Env } from "../../config/env.js";
import { checkPageLayout, readPageLayout } from "../../config/fulfilConfig.js";
import { createLogger, type Logger } from "../../observe/log.js";
import { createEmfMetrics, type Metrics } from "../../observe/metrics.js";
import { wireRequestSide } from "../../app/requestSide.js";
import type { AppPorts } from "../../app/ports.js";
import { createMemoryClaimStore } from "../../claims/claimStore.js";
import { awsServiceFromEnv } from "./aws/awsService.js";
import { createDynamoClaimStore } from "./aws/dynamoClaimStore.js";
import { createDynamoInstallationStore } from "./aws/dynamoInstallationStore.js";
import {
  createDynamoSubscriptionStore,
  createDynamoTeamSubscriptionsForgetter,
} from "./aws/dynamoSubscriptionStore.js";
import { userPlaceStoreFromEnv } from "./aws/dynamoUserPlaceStore.js";
import { CLAIMS_TABLE, INSTALLATIONS_TABLE, SUBSCRIPTIONS_TABLE } from "./lambdaSettings.js";
import {
  toFunctionUrlResult,
  toInboundRequest,
  type FunctionUrlEvent,
  type FunctionUrlResult,
} from "./functionUrlEvent.js";
import { createLambdaHandOff } from "./lambdaHandOff.js";
import { createSsmSecrets } from "./ssmSecrets.js";
import { RECEIVER_BUDGET_MS } from "./timeBudget.js";

export type Receiver = (event: FunctionUrlEvent) => Promise<FunctionUrlResult>;

/** Builds the handler without touching the network: the secret is read on the first request that needs it. */
export interface ReceiverOptions {
  /** CloudWatch EMF lines on stdout by default. */
  metrics?: Metrics;
  /** The AWS calls' share of Slack's 3 s (tests shorten it). */
  budgetMs?: number;
}

/** Throws a ConfigError when the settings cannot work together (SLACK_CLIENT_ID without its secret, say). */
export function createReceiver(env: Env, log: Logger = createLogger(), options: ReceiverOptions = {}): Receiver {
  const { metrics = createEmfMetrics(), budgetMs = RECEIVER_BUDGET_MS } = options;
  // The deadline of the request under way. Lambda hands an instance one event at a time, so the
  // stores, built once, bound each call by it without every store interface carrying a deadline.
  let requestDeadlineMs: number | undefined;
  const deadlineMs = () => requestDeadlineMs;
  const handOff = createLambdaHandOff(env, log);
  const ports: AppPorts = {
    env,
    secrets: createSsmSecrets(env),
    // The Home's hand-offs (an opened Home, a click, a saved modal) name no deadline of their own.
    handOff: (job, deadline) => handOff(job, deadline ?? requestDeadlineMs),
    log,
    metrics,
    ...receiverStores(env, log, metrics, deadlineMs),
  };
  const { handler } = wireRequestSide(ports);
  return async (event) => {
    const deadline = Date.now() + budgetMs;
    requestDeadlineMs = deadline;
    return toFunctionUrlResult(await handler.handle(toInboundRequest(event), { deadlineMs: deadline }));
  };
}

export const handler: Receiver = createReceiver(process.env);
// Part of the cold start, as Lambda runs a module's top-level await in its init: a selector
// tracker's selectors are compiled (loading the parser's chunk), so one css-select refuses stops the
// start as any bad setting does. The default tracker checks nothing here and loads no parser.
await checkPageLayout(readPageLayout(process.env));

type Stores = Pick<AppPorts, "claims" | "installations" | "subscriptions" | "forgetTeamSubscriptions" | "userPlaces">;

/**
 * The stores the stack names: claims (event ids, OAuth states) in the claims table, or this
 * instance's memory without one; installations when installs are on; subscriptions, a workspace's
 * forgetting and saved places when the Home is (the subscriptions table).
 */
function receiverStores(env: Env, log: Logger, metrics: Metrics, deadlineMs: () => number | undefined): Stores {
  const claimsTable = CLAIMS_TABLE.read(env);
  const installationsTable = INSTALLATIONS_TABLE.read(env);
  const subscriptionsTable = SUBSCRIPTIONS_TABLE.read(env);
  // Read only when a table is named: a receiver without one needs no DynamoDB endpoint.
  const dynamodb = () => awsServiceFromEnv("dynamodb", env);
  const subscriptionOptions = subscriptionsTable && {
    table: subscriptionsTable,
    log,
    dynamodb: dynamodb(),
    deadlineMs,
  };
  return {
    claims: claimsTable
      ? createDynamoClaimStore({ table: claimsTable, log, metrics, dynamodb: dynamodb(), deadlineMs })
      : createMemoryClaimStore(),
    ...(installationsTable
      ? {
          installations: createDynamoInstallationStore({ table: installationsTable, dynamodb: dynamodb(), deadlineMs }),
        }
      : {}),
    ...(subscriptionOptions
      ? {
          subscriptions: createDynamoSubscriptionStore(subscriptionOptions),
          forgetTeamSubscriptions: createDynamoTeamSubscriptionsForgetter(subscriptionOptions),
          userPlaces: userPlaceStoreFromEnv(env, deadlineMs),
        }
      : {}),
  };
}
