// The receiver's time budget: the signing secret read and the worker's invoke, retries included,
// share one budget inside Slack's 3 s; past it the user is asked to try again rather than left to
// Slack's timeout. The budget is shortened here so a slow AWS stand-in can overrun it quickly.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Metrics } from "../../src/observe/metrics.js";
import { silentLogger } from "../../src/observe/log.js";
import { createReceiver } from "../../src/runtimes/lambda/receiver.js";
import { RECEIVER_BUDGET_MS } from "../../src/runtimes/lambda/timeBudget.js";
import { commandBody, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";
import { startAwsStub, TEST_CREDENTIALS, type AwsStub } from "../helpers/awsStub.js";
import { functionUrlEvent } from "../helpers/functionUrlEvents.mjs";

const PARAMETER = "/slacktrux/signing-secret";
const BUDGET_MS = 200;
/** Well inside each call's own timeout (SSM 1 s, invoke 1.5 s) but past the budget. */
const SLOW_MS = 600;

let aws: AwsStub;
let outcomes: string[];
const metrics: Metrics = {
  count: (name, dimensions) => {
    if (name === "Requests") outcomes.push(`${dimensions?.Route}:${dimensions?.Outcome}`);
  },
  milliseconds: () => {},
};

beforeAll(async () => {
  aws = await startAwsStub({ parameters: { [PARAMETER]: TEST_SECRET } });
});
afterAll(() => aws.close());
beforeEach(() => {
  aws.requests.length = 0;
  aws.options.delayMs = {};
  outcomes = [];
});

const receiver = () =>
  createReceiver(
    {
      ...TEST_CREDENTIALS,
      AWS_ENDPOINT_URL: aws.url,
      WORKER_FUNCTION_NAME: "worker",
      SLACK_SIGNING_SECRET_PARAMETER: PARAMETER,
    },
    silentLogger,
    { metrics, budgetMs: BUDGET_MS },
  );
const command = () => {
  const body = commandBody("farragut", "https://hooks.slack.com/commands/T0TEST/1/x");
  return functionUrlEvent({ body, headers: signedHeaders(body) });
};
const click = () => {
  const payload = {
    type: "block_actions",
    user: { id: "U0", team_id: "T0TEST" },
    team: { id: "T0TEST" },
    container: { type: "message", is_ephemeral: false },
    response_url: "https://hooks.slack.com/actions/T0TEST/1/x",
    actions: [{ action_id: "refresh_trucks", type: "button", value: JSON.stringify({ places: ["Farragut"] }) }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return functionUrlEvent({ body, headers: signedHeaders(body), path: "/slack/interactions" });
};

describe("the receiver's time budget", () => {
  it("fits inside Slack's 3 seconds, with room for the cold start and the answer", () => {
    expect(RECEIVER_BUDGET_MS).toBeLessThanOrEqual(2_500);
  });

  it("asks the user to try again when SSM is slower than the budget, and does not invoke", async () => {
    aws.options.delayMs = { ssm: SLOW_MS };
    const handler = receiver();
    const result = await handler(command());

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringMatching(/try again/i),
    });
    expect(aws.invokes()).toHaveLength(0);
    expect(outcomes).toEqual(["command:try-again"]);

    // The slow read is remembered like any failed read: the next request does not queue on SSM.
    await handler(command());
    expect(aws.ssmCalls()).toHaveLength(1);
  });

  it("asks the user to try again when the invoke is slower than what is left of the budget", async () => {
    aws.options.delayMs = { invoke: SLOW_MS };
    const result = await receiver()(command());

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).text).toMatch(/ran out of time/);
    expect(outcomes).toEqual(["command:try-again"]);
  });

  it("is one budget for both calls: a secret read and an invoke each within it, together past it", async () => {
    aws.options.delayMs = { ssm: 120, invoke: 120 };
    const result = await receiver()(command());

    expect(JSON.parse(result.body).text).toMatch(/ran out of time/);
    expect(aws.ssmCalls()).toHaveLength(1);
    expect(outcomes).toEqual(["command:try-again"]);
  });

  it("answers a click with an empty 200 (Slack shows nothing of it), counted as try-again", async () => {
    aws.options.delayMs = { invoke: SLOW_MS };
    const result = await receiver()(click());

    expect(result).toMatchObject({ statusCode: 200, body: "" });
    expect(outcomes).toEqual(["interaction:try-again"]);
  });

  it("hands off as usual when AWS answers within the budget", async () => {
    const result = await receiver()(command());
    expect(JSON.parse(result.body).text).toMatch(/Looking up food trucks/);
    expect(aws.invokes()).toHaveLength(1);
    expect(outcomes).toEqual(["command:handed-off"]);
  });
});
