// The Lambda receiver's translator, behind a Function URL: the event into the app core's request,
// its response back into the Function URL's result. The core here is its phase-1 half alone
// (app/handleRequest.ts), so the bundle and the cold start stay small; each request gets its
// share of Slack's 3 s for the AWS calls (timeBudget.ts): the signing secret from SSM, read only
// for a request that passed every check needing no secret, and the worker's async invoke.
// With installs on (INSTALLATIONS_TABLE), the receiver also holds the ports the install and events
// routes use: installations in DynamoDB, claims (single-use OAuth states) in the claims table, and
// the client secret from SSM through `secrets`. Building them does no I/O.
import type { Env } from "../../config/env.js";
import { createLogger, type Logger } from "../../observe/log.js";
import { createEmfMetrics, type Metrics } from "../../observe/metrics.js";
import { createRequestHandler, type RequestPorts } from "../../app/handleRequest.js";
import type { AppPorts } from "../../app/ports.js";
import { createMemoryClaimStore } from "../../claims/claimStore.js";
import type { InstallationStore } from "../../installations/installationStore.js";
import { awsServiceFromEnv } from "./aws/awsService.js";
import { createDynamoClaimStore } from "./aws/dynamoClaimStore.js";
import { createDynamoInstallationStore } from "./aws/dynamoInstallationStore.js";
import { CLAIMS_TABLE, INSTALLATIONS_TABLE } from "./lambdaSettings.js";
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

export function createReceiver(env: Env, log: Logger = createLogger(), options: ReceiverOptions = {}): Receiver {
  const { metrics = createEmfMetrics(), budgetMs = RECEIVER_BUDGET_MS } = options;
  const ports: RequestPorts & InstallPorts = {
    env,
    secrets: createSsmSecrets(env),
    handOff: createLambdaHandOff(env, log),
    log,
    metrics,
    ...installPorts(env, log, metrics),
  };
  const core = createRequestHandler(ports);
  return async (event) =>
    toFunctionUrlResult(await core.handle(toInboundRequest(event), { deadlineMs: Date.now() + budgetMs }));
}

export const handler: Receiver = createReceiver(process.env);

/** What the install routes need beyond answering commands (the core's RequestPorts takes them when they are wired). */
export interface InstallPorts {
  installations?: InstallationStore;
  claims?: AppPorts["claims"];
}

/** None in single-workspace mode: the stack sets INSTALLATIONS_TABLE only when installs are on. */
export function installPorts(env: Env, log: Logger, metrics: Metrics): InstallPorts {
  const installationsTable = INSTALLATIONS_TABLE.read(env);
  if (!installationsTable) return {};
  const dynamodb = awsServiceFromEnv("dynamodb", env);
  const claimsTable = CLAIMS_TABLE.read(env);
  return {
    installations: createDynamoInstallationStore({ table: installationsTable, dynamodb }),
    claims: claimsTable
      ? createDynamoClaimStore({ table: claimsTable, log, metrics, dynamodb })
      : createMemoryClaimStore(),
  };
}
