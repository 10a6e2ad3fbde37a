// Phase 1 on AWS Lambda, behind a Function URL: translate the event, acknowledge, hand the job to
// the worker by async invoke. Every rule lives in acknowledge(); this file only adapts.
//
// Paths are routed as on the local server; any other path is taken as a command, as the Function
// URL's root always was: what admits a request is its Slack signature, not its path.
import type { Env } from "../../config/env.js";
import { DEFAULT_PLACE } from "../../config/registry.js";
import { createLogger, type Logger } from "../../observe/log.js";
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
import { getSecureString } from "../../aws/ssmParameter.js";

export type Receiver = (event: FunctionUrlEvent) => Promise<FunctionUrlResult>;

/** Builds the handler without touching the network: the secret is read on the first request. */
export function createReceiver(env: Env, log: Logger = createLogger()): Receiver {
  const signingSecret = createSigningSecretSource(env, (name) => getSecureString(awsServiceFromEnv("ssm", env), name));
  const handOff = createLambdaHandOff(env, log);
  const defaultPlace = DEFAULT_PLACE.read(env);

  return async (event) => {
    let secret: string;
    try {
      secret = await signingSecret();
    } catch (error) {
      // Not the caller's fault, so not a 4xx: the deployment is missing its secret (or SSM is
      // unreachable). 503 tells Slack the app is unavailable; the log says why.
      log.error("signing secret unavailable", { phase: "acknowledge", ...describeFailure(error) });
      return toFunctionUrlResult(textResponse(503, "slacktrux is not configured yet"));
    }
    try {
      const phase1 = phase1For(event.rawPath) ?? acknowledge;
      return toFunctionUrlResult(
        await phase1(toInboundRequest(event), { signingSecret: secret, handOff, log, defaultPlace }),
      );
    } catch (error) {
      // Never a 5xx from a bad request (acknowledge answers those); this is a bug, logged as one.
      log.error("request handler failed", { phase: "acknowledge", ...describeFailure(error) });
      return toFunctionUrlResult(textResponse(500, "internal error"));
    }
  };
}

export const handler: Receiver = createReceiver(process.env);
