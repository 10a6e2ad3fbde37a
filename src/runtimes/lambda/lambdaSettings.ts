// The settings only the Lambda runtime reads: set by the stack (SSM parameter names, table and
// function names) or by Lambda itself (region, credentials). Declared with the registry's own
// builders, so they are read, checked and listed like every other setting.
import { optionalText, type Reader, type Setting } from "../../config/registry.js";

export const SLACK_SIGNING_SECRET_PARAMETER = /* @__PURE__ */ optionalText({
  name: "SLACK_SIGNING_SECRET_PARAMETER",
  readBy: ["receiver"],
  platform: true,
});

/**
 * The SSM SecureString holding the Slack app's OAuth Client Secret (set by the stack from
 * `clientSecretParameter`): the receiver's OAuth callback and the worker's token refreshes read it.
 */
export const SLACK_CLIENT_SECRET_PARAMETER = /* @__PURE__ */ optionalText({
  name: "SLACK_CLIENT_SECRET_PARAMETER",
  readBy: ["receiver", "worker"],
  platform: true,
});

/** The DynamoDB table of installations on AWS (set by the stack when installs are on). */
export const INSTALLATIONS_TABLE = /* @__PURE__ */ optionalText({
  name: "INSTALLATIONS_TABLE",
  readBy: ["receiver", "worker"],
  platform: true,
});

/** The SSM SecureString holding the team webhook's URL (set by the stack from `webhookParameter`), read by the worker. */
export const SLACK_WEBHOOK_PARAMETER = /* @__PURE__ */ optionalText({
  name: "SLACK_WEBHOOK_PARAMETER",
  readBy: ["worker"],
  platform: true,
});

/**
 * On AWS the bot token is read from this SSM SecureString instead (set by the stack): by the worker,
 * and by the receiver, which announces a daily post saved from a modal.
 */
export const SLACK_BOT_TOKEN_PARAMETER = /* @__PURE__ */ optionalText({
  name: "SLACK_BOT_TOKEN_PARAMETER",
  readBy: ["receiver", "worker"],
  platform: true,
});

/** The DynamoDB table of subscriptions on AWS (set by the stack). */
export const SUBSCRIPTIONS_TABLE = /* @__PURE__ */ optionalText({
  name: "SUBSCRIPTIONS_TABLE",
  readBy: ["receiver", "worker"],
  platform: true,
});

// ---- AWS Lambda: set by the stack or by Lambda itself ----

export const WORKER_FUNCTION_NAME = /* @__PURE__ */ optionalText({
  name: "WORKER_FUNCTION_NAME",
  readBy: ["receiver"],
  platform: true,
});

/** The SQS queue the minute's tick sends its due posts to, in batches, for the worker to post (set by the stack). */
export const DUE_POSTS_QUEUE_URL = /* @__PURE__ */ optionalText({
  name: "DUE_POSTS_QUEUE_URL",
  readBy: ["worker"],
  platform: true,
});

export const CLAIMS_TABLE = /* @__PURE__ */ optionalText({
  name: "CLAIMS_TABLE",
  readBy: ["receiver", "worker"],
  platform: true,
});

const AWS: readonly Reader[] = ["receiver", "worker"];
export const AWS_REGION = /* @__PURE__ */ optionalText({ name: "AWS_REGION", readBy: AWS, platform: true });
export const AWS_ACCESS_KEY_ID = /* @__PURE__ */ optionalText({
  name: "AWS_ACCESS_KEY_ID",
  readBy: AWS,
  platform: true,
});
export const AWS_SECRET_ACCESS_KEY = /* @__PURE__ */ optionalText({
  name: "AWS_SECRET_ACCESS_KEY",
  readBy: AWS,
  platform: true,
});
export const AWS_SESSION_TOKEN = /* @__PURE__ */ optionalText({
  name: "AWS_SESSION_TOKEN",
  readBy: AWS,
  platform: true,
});
/** The SDK's endpoint overrides, so tests and LocalStack can stand in for AWS. */
export const AWS_ENDPOINT_URL = /* @__PURE__ */ optionalText({ name: "AWS_ENDPOINT_URL", readBy: AWS, platform: true });
export const AWS_ENDPOINT_URLS = {
  lambda: /* @__PURE__ */ optionalText({ name: "AWS_ENDPOINT_URL_LAMBDA", readBy: AWS, platform: true }),
  ssm: /* @__PURE__ */ optionalText({ name: "AWS_ENDPOINT_URL_SSM", readBy: AWS, platform: true }),
  dynamodb: /* @__PURE__ */ optionalText({ name: "AWS_ENDPOINT_URL_DYNAMODB", readBy: AWS, platform: true }),
  sqs: /* @__PURE__ */ optionalText({ name: "AWS_ENDPOINT_URL_SQS", readBy: AWS, platform: true }),
};

/** Every variable above, in the README's order. */
export function lambdaSettings(): readonly Setting<unknown>[] {
  return [
    SLACK_SIGNING_SECRET_PARAMETER,
    SLACK_CLIENT_SECRET_PARAMETER,
    SLACK_WEBHOOK_PARAMETER,
    WORKER_FUNCTION_NAME,
    CLAIMS_TABLE,
    SLACK_BOT_TOKEN_PARAMETER,
    SUBSCRIPTIONS_TABLE,
    INSTALLATIONS_TABLE,
    DUE_POSTS_QUEUE_URL,
    AWS_REGION,
    AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY,
    AWS_SESSION_TOKEN,
    AWS_ENDPOINT_URL,
    AWS_ENDPOINT_URLS.lambda,
    AWS_ENDPOINT_URLS.ssm,
    AWS_ENDPOINT_URLS.dynamodb,
    AWS_ENDPOINT_URLS.sqs,
  ];
}
