// Phase 1 on AWS Lambda, behind a Function URL: translate the event, acknowledge, hand the job to
// the worker by async invoke. Every rule lives in acknowledge(); this file only adapts, and gives
// each request its time budget for the AWS calls (see timeBudget.ts).
//
// Paths are routed as on the local server; any other path is taken as a command, as the Function
// URL's root always was: what admits a request is its Slack signature, not its path. The signing
// secret is read from SSM only for a request that passed every check needing no secret.
import type { Env } from "../../config/env.js";
import { DEFAULT_PLACE } from "../../config/registry.js";
import { createLogger, type Logger } from "../../observe/log.js";
import { createEmfMetrics, type Metrics } from "../../observe/metrics.js";
import { acknowledge } from "../../phase1/acknowledge.js";
import { phase1For } from "../../phase1/routes.js";
import { textResponse } from "../../phase1/exchange.js";
import { awsServiceFromEnv, describeFailure } from "../../aws/awsService.js";
import {
  toFunctionUrlResult,
  toInboundRequest,
  type FunctionUrlEvent,
  type FunctionUrlResult,
} from "./functionUrlEvent.js";
import { createLambdaHandOff } from "./lambdaHandOff.js";
import { createSigningSecretSource } from "./signingSecret.js";
import { outOfTimeIfTimedOut, RECEIVER_BUDGET_MS } from "./timeBudget.js";
import { getSecureString } from "../../aws/ssmParameter.js";

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
  const signingSecret = createSigningSecretSource(env, async (name, deadlineMs) =>
    getSecureString(awsServiceFromEnv("ssm", env), name, deadlineMs).catch(outOfTimeIfTimedOut),
  );
  const handOffBy = createLambdaHandOff(env, log);
  const defaultPlace = DEFAULT_PLACE.read(env);

  return async (event) => {
    const deadlineMs = Date.now() + budgetMs;
    try {
      const phase1 = phase1For(event.rawPath) ?? acknowledge;
      return toFunctionUrlResult(
        await phase1(toInboundRequest(event), {
          signingSecret: () => signingSecret(deadlineMs),
          handOff: handOffBy(deadlineMs),
          log,
          metrics,
          defaultPlace,
        }),
      );
    } catch (error) {
      // Never a 5xx from a bad request (acknowledge answers those); this is a bug, logged as one.
      log.error("request handler failed", { phase: "acknowledge", ...describeFailure(error) });
      return toFunctionUrlResult(textResponse(500, "internal error"));
    }
  };
}

export const handler: Receiver = createReceiver(process.env);
