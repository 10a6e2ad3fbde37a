// Generated hostile and broken Function URL events against the Lambda receiver: never a 5xx,
// never a throw, never an invoke of the worker without a valid signature.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/observe/log.js";
import { noMetrics } from "../../src/observe/metrics.js";
import { createReceiver, type Receiver } from "../../src/runtimes/lambda/receiver.js";
import { commandBody, signatureFor, TEST_SECRET } from "../helpers/slackRequest.js";
import { startAwsStub, TEST_CREDENTIALS, type AwsStub } from "../helpers/awsStub.js";
import { functionUrlEvent } from "../helpers/functionUrlEvents.mjs";

let aws: AwsStub;
let receiver: Receiver;

beforeAll(async () => {
  aws = await startAwsStub();
  receiver = createReceiver(
    {
      ...TEST_CREDENTIALS,
      AWS_ENDPOINT_URL: aws.url,
      WORKER_FUNCTION_NAME: "worker",
      SLACK_SIGNING_SECRET: TEST_SECRET,
    },
    silentLogger,
    { metrics: noMetrics },
  );
});
afterAll(() => aws.close());

const now = () => Math.floor(Date.now() / 1000);

const signatureHeaders = fc.oneof(
  fc.constant({}),
  fc.record({
    "x-slack-request-timestamp": fc.string({ maxLength: 12 }),
    "x-slack-signature": fc.string({ maxLength: 80 }),
  }),
  fc.constant(null), // filled in below: signed with the wrong secret, or stale, or future
);

describe("bad events to the Lambda receiver", () => {
  it("get a 4xx and invoke nothing (1,000 generated cases)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("POST", "POST", "GET", "PUT", "DELETE"),
        fc.constantFrom("/slack/commands", "/slack/interactions", "/", "/anything"),
        fc.constantFrom("application/x-www-form-urlencoded", "application/json", "text/plain", ""),
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.constant(commandBody("farragut", "https://hooks.slack.com/commands/T/1/x")),
          fc.constant("payload=" + encodeURIComponent('{"type":"block_actions"}')),
          fc.constant("a".repeat(40 * 1024)),
        ),
        fc.boolean(),
        signatureHeaders,
        fc.constantFrom("wrong-secret", "stale", "future"),
        async (method, path, contentType, body, base64, headers, forgery) => {
          const ts = forgery === "stale" ? now() - 400 : forgery === "future" ? now() + 400 : now();
          const signed = headers ?? {
            "x-slack-request-timestamp": String(ts),
            "x-slack-signature": signatureFor(forgery === "wrong-secret" ? "nope" : TEST_SECRET, ts, body),
          };
          const before = aws.invokes().length;
          const event = functionUrlEvent({
            body,
            headers: { ...signed, ...(contentType ? { "content-type": contentType } : {}) },
            method,
            base64,
            path,
          });
          const result = await receiver(event);
          expect(result.statusCode).toBeGreaterThanOrEqual(400);
          expect(result.statusCode).toBeLessThan(500);
          expect(aws.invokes().length).toBe(before);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("an event with no body at all gets a 4xx", async () => {
    const event = functionUrlEvent({ body: "", headers: {} });
    delete (event as { body?: string }).body;
    const result = await receiver(event);
    expect(result.statusCode).toBeGreaterThanOrEqual(400);
    expect(result.statusCode).toBeLessThan(500);
  });
});
