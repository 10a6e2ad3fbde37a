// @ts-check
// The environment the Lambda handlers run with in the benchmarks: the signing secret in plain (no
// SSM), made-up credentials, and every AWS or Slack endpoint on loopback.
import { BENCH_SECRET } from "./slackEvents.mjs";

/** @param {{ invokeUrl: string; trackerUrl: string }} endpoints */
export function lambdaEnv({ invokeUrl, trackerUrl }) {
  return {
    SLACK_SIGNING_SECRET: BENCH_SECRET,
    WORKER_FUNCTION_NAME: "slacktrux-bench-worker",
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDBENCHEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "bench-secret-access-key",
    AWS_ENDPOINT_URL_LAMBDA: invokeUrl,
    TRACKER_URL: trackerUrl,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
  };
}
