// The hand-off on AWS: an asynchronous ("Event") invoke of the worker function. Lambda queues the
// job and answers 202 at once, so phase 1 can say "looking…" within Slack's 3 seconds while the
// worker runs phase 2 — and Lambda retries the worker if it crashes.
import { ConfigError, type Env } from "../../config/env.js";
import { WORKER_FUNCTION_NAME } from "./lambdaSettings.js";
import type { Logger } from "../../observe/log.js";
import type { HandOff } from "../../app/ports.js";
import { AwsRequestError, awsServiceFromEnv, postToAws } from "./aws/awsService.js";
import { describeFailure } from "../../observe/describeFailure.js";
import { outOfTimeIfTimedOut } from "./timeBudget.js";

/** Lambda answers an Event invoke in tens of ms; past this the hand-off has failed for the user anyway. */
const INVOKE_TIMEOUT_MS = 1_500;

/** Each hand-off is bounded by its request's deadline (epoch ms), retry included. */
export function createLambdaHandOff(env: Env, log: Logger): HandOff {
  return async (job, deadlineMs) => {
    try {
      // Read per call (it is cheap) inside the try, so a missing variable is logged like any failure.
      const functionName = WORKER_FUNCTION_NAME.read(env);
      if (!functionName) throw new ConfigError("WORKER_FUNCTION_NAME is not set");
      const response = await postToAws(awsServiceFromEnv("lambda", env), {
        path: `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`,
        headers: { "content-type": "application/json", "x-amz-invocation-type": "Event" },
        body: JSON.stringify(job),
        timeoutMs: INVOKE_TIMEOUT_MS,
        deadlineMs,
      }).catch(outOfTimeIfTimedOut);
      if (response.status !== 202) throw AwsRequestError.from("lambda", response);
    } catch (error) {
      // acknowledge() logs only the error's name; the reason belongs in the log too. Never the job:
      // it holds the response_url.
      const requestId = "requestId" in job ? job.requestId : undefined;
      log.error("worker invoke failed", { phase: "acknowledge", requestId, ...describeFailure(error) });
      throw error;
    }
  };
}
