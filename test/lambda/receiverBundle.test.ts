// The bundle that is deployed: dist/lambda/receiver.mjs (npm test builds it first), configured
// only through process.env as on Lambda. Re-importing it after vi.resetModules() is a cold start.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import type { Receiver } from "../../src/runtimes/lambda/receiver.js";
import { eagerFiles } from "../../scripts/eagerFiles.mjs";
import { TEST_CREDENTIALS } from "../helpers/awsStub.js";
import { importBundle, restoreEnv } from "./bundle.js";
import { describeReceiver } from "./receiverContract.js";

afterEach(restoreEnv);

const BAD_SELECTORS = {
  TRACKER_KIND: "selectors",
  // Good syntax, but a pseudo-class css-select does not know: only compiling them finds it.
  TRACKER_SELECTORS: '{"container": "main", "placeHeading": "h3:nope", "truckLink": "a"}',
  TRACKER_URL: "https://pods.example/",
};

describeReceiver("receiver (dist/lambda/receiver.mjs)", (env) => importBundle<Receiver>("receiver", env));

const RECEIVER = fileURLToPath(new URL("../../dist/lambda/receiver.mjs", import.meta.url));
/** What a cold start loads: receiver.mjs and the chunks it imports at once. */
const eager = eagerFiles(RECEIVER);
const eagerCode = eager.map((file) => readFileSync(file, "utf8")).join("\n");
/** The chunks loaded on first use (a modal's options, a check of TRACKER_SELECTORS). */
const lazyCode = readdirSync(join(dirname(RECEIVER), "receiver-chunks"))
  .map((chunk) => join(dirname(RECEIVER), "receiver-chunks", chunk))
  .filter((file) => !eager.includes(file))
  .map((file) => readFileSync(file, "utf8"))
  .join("\n");

it("keeps what a cold start loads small: no parser, no job code, no AWS SDK (its cold start is in Slack's 3 s)", () => {
  // The request side only, without the tracker's parsers (loaded on a modal's first read), fulfil,
  // digest or tick code, or an SDK.
  const eagerBytes = eager.reduce((total, file) => total + statSync(file).size, 0);
  expect(eagerBytes).toBeLessThanOrEqual(110 * 1024);
  expect(eagerCode).not.toContain("tick: posts failed");
  expect(eagerCode).not.toContain("digest crashed");
});

it.each([
  ["htmlparser2", "recognizeSelfClosing"],
  ["entities' decoder", "emitNotTerminatedNamedEntity"],
  ["css-select", "Unknown pseudo-class"],
  ["the Food Truck Fiesta parser", "post-content"],
])("loads %s on first use, never as it starts", (_what, marker) => {
  expect(lazyCode).toContain(marker);
  expect(eagerCode).not.toContain(marker);
});

it("stops its cold start for a selector css-select refuses, as for any bad setting", async () => {
  const env = {
    ...TEST_CREDENTIALS,
    AWS_REGION: "us-east-1",
    WORKER_FUNCTION_NAME: "slacktrux-worker",
    ...BAD_SELECTORS,
  };
  await expect(importBundle<Receiver>("receiver", env)).rejects.toThrow(
    /^TRACKER_SELECTORS has an invalid CSS selector in "placeHeading": /,
  );
});

it("imports neither node:http nor node:https up front: the one a request needs is taken then (Node 24's cold start)", () => {
  const imported = [...eagerCode.matchAll(/\bfrom\s*"(node:[a-z_/]+)"/g)].map((match) => match[1]);
  expect(imported).not.toContain("node:http");
  expect(imported).not.toContain("node:https");
});
