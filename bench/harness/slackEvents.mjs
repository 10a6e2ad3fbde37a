// @ts-check
// Signed /foodtrucks requests the way Slack sends them, and the Lambda events that carry them:
// a Function URL event (payload 2.0) for our receiver — the tests' own, shared — and an API Gateway
// REST (v1) event for Bolt's AwsLambdaReceiver. Signed here with node:crypto, independently of the
// code under test.
import { createHmac } from "node:crypto";

export { functionUrlEvent } from "../../test/helpers/functionUrlEvents.mjs";

export const BENCH_SECRET = "bench-signing-secret-0123456789abcdef";

/** Place queries a user might type; all take phase 1's common path (hand off, "looking…"). */
const TEXTS = ["farragut", "franklin", "farragut, franklin", "l'enfant", "dc farr", "union station", "list"];

/**
 * The index-th command of a run (texts and users rotate).
 * @param {number} index
 * @param {string} responseUrl
 */
export function commandBody(index, responseUrl) {
  return new URLSearchParams({
    token: "deprecated-token",
    team_id: "T0BENCH",
    team_domain: "bench",
    channel_id: "C0BENCH",
    channel_name: "lunch",
    user_id: `U0BENCH${index % 50}`,
    user_name: "bencher",
    command: "/foodtrucks",
    text: TEXTS[index % TEXTS.length] ?? "farragut",
    api_app_id: "A0BENCH",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `${index}.1234567890.abcdef0123456789abcdef0123456789`,
  }).toString();
}

/**
 * @param {string} body
 * @returns {Record<string, string>}
 */
export function signedHeaders(body, secret = BENCH_SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex"),
  };
}

/** A response_url shaped like Slack's, on a local catcher when `base` is one. */
/**
 * @param {string} base
 * @param {number} index
 */
export function responseUrl(base, index) {
  return `${base}/commands/T0BENCH/${1_000_000 + index}/bench${index.toString(36).padStart(8, "0")}`;
}

/** API Gateway REST (v1) proxy event, what Bolt's AwsLambdaReceiver is documented to take. */
/**
 * @param {string} body
 * @param {Record<string, string>} headers as signedHeaders() makes them
 */
export function apiGatewayV1Event(body, headers) {
  const canonical = {
    "Content-Type": headers["content-type"],
    "X-Slack-Request-Timestamp": headers["x-slack-request-timestamp"],
    "X-Slack-Signature": headers["x-slack-signature"],
    Host: "abcdef1234.execute-api.us-east-1.amazonaws.com",
    "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    "X-Forwarded-Proto": "https",
  };
  return {
    resource: "/slack/events",
    path: "/slack/events",
    httpMethod: "POST",
    headers: canonical,
    multiValueHeaders: Object.fromEntries(Object.entries(canonical).map(([name, value]) => [name, [value]])),
    queryStringParameters: null,
    pathParameters: null,
    requestContext: {
      resourcePath: "/slack/events",
      httpMethod: "POST",
      stage: "prod",
      requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    },
    body,
    isBase64Encoded: false,
  };
}
