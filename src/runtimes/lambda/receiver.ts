// The Lambda receiver's translator, behind a Function URL: the event into the app core's request,
// its response back into the Function URL's result. The core here is its phase-1 half alone
// (app/handleRequest.ts), so the bundle and the cold start stay small; each request gets its
// share of Slack's 3 s for the AWS calls (timeBudget.ts): the signing secret from SSM, read only
// for a request that passed every check needing no secret, and the worker's async invoke.
import type { Env } from "../../config/env.js";
import { createLogger, type Logger } from "../../observe/log.js";
import { createEmfMetrics, type Metrics } from "../../observe/metrics.js";
import { createRequestHandler } from "../../app/handleRequest.js";
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
  const core = createRequestHandler({
    env,
    secrets: createSsmSecrets(env),
    handOff: createLambdaHandOff(env, log),
    log,
    metrics,
  });
  return async (event) =>
    toFunctionUrlResult(await core.handle(toInboundRequest(event), { deadlineMs: Date.now() + budgetMs }));
}

export const handler: Receiver = createReceiver(process.env);
