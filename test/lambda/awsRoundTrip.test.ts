// The whole AWS path with both deployed bundles, over loopback: Slack (this test) → receiver →
// Lambda's async invoke (the stub answers 202, then runs the worker with the payload, as Lambda
// does) → worker → tracker page → the command's response_url.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Receiver } from "../../src/runtimes/lambda/receiver.js";
import type { Worker } from "../../src/runtimes/lambda/worker.js";
import { eventually, startSlackCatcher, startTrackerServer, type LoopbackServer } from "../helpers/loopbackServer.js";
import { commandBody, signedHeaders, TEST_SECRET } from "../helpers/slackRequest.js";
import { startAwsStub, TEST_CREDENTIALS, type AwsStub } from "../helpers/awsStub.js";
import { importBundle, restoreEnv } from "./bundle.js";
import { functionUrlEvent } from "../helpers/functionUrlEvents.mjs";

const fixture = readFileSync(new URL("../fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url), "utf8");

let aws: AwsStub;
let tracker: LoopbackServer;
let slack: LoopbackServer;
let receiver: Receiver;
let worker: Worker;
const outcomes: ReturnType<Worker>[] = [];

beforeAll(async () => {
  aws = await startAwsStub({
    parameters: { "/slacktrux/signing-secret": TEST_SECRET },
    onInvoke: (functionName, payload) => {
      if (functionName === "slacktrux-worker") outcomes.push(worker(payload));
    },
  });
  [tracker, slack] = await Promise.all([startTrackerServer(fixture), startSlackCatcher()]);
  // Both functions see their own variables on AWS; here one environment holds both sets.
  const env = {
    ...TEST_CREDENTIALS,
    AWS_ENDPOINT_URL: aws.url,
    SLACK_SIGNING_SECRET_PARAMETER: "/slacktrux/signing-secret",
    WORKER_FUNCTION_NAME: "slacktrux-worker",
    CLAIMS_TABLE: "slacktrux-claims",
    TRACKER_URL: `${tracker.url}/dc-food-truck-list/`,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
  };
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  receiver = await importBundle<Receiver>("receiver", env);
  worker = await importBundle<Worker>("worker", env);
});

afterAll(async () => {
  vi.restoreAllMocks();
  restoreEnv();
  await Promise.all([aws.close(), tracker.close(), slack.close()]);
});

it("answers /foodtrucks farragut with 'looking…', then posts the Farragut Square trucks", async () => {
  const body = commandBody("farragut", `${slack.url}/commands/T0TEST/1/secret-token`);
  const ack = await receiver(functionUrlEvent({ body, headers: signedHeaders(body) }));

  expect(ack.statusCode).toBe(200);
  expect(JSON.parse(ack.body).text).toMatch(/Looking up food trucks at farragut/);
  await eventually(() => outcomes.length === 1, "the worker to be invoked");
  expect(await outcomes[0]).toBe("posted");
  expect(slack.requests).toHaveLength(1);
  expect(slack.requests[0]!.body).toContain("District Taco");
  expect(aws.ssmCalls()).toHaveLength(1);
  // The claim, then its confirmation once answered.
  expect(aws.putItems()).toHaveLength(2);
});
