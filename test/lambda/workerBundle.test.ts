// The bundle that is deployed: dist/lambda/worker.mjs (npm test builds it first), configured only
// through process.env as on Lambda. Re-importing it after vi.resetModules() is a cold start.
import { afterEach, expect, it } from "vitest";
import type { Worker } from "../../src/runtimes/lambda/worker.js";
import { TEST_CREDENTIALS } from "../helpers/awsStub.js";
import { importBundle, restoreEnv } from "./bundle.js";
import { describeWorker } from "./workerContract.js";

afterEach(restoreEnv);

describeWorker("worker (dist/lambda/worker.mjs)", (env) => importBundle<Worker>("worker", env));

it("runs no job with a selector css-select refuses: the first event names the setting", async () => {
  const worker = await importBundle<Worker>("worker", {
    ...TEST_CREDENTIALS,
    AWS_REGION: "us-east-1",
    TRACKER_KIND: "selectors",
    // Good syntax, but a pseudo-class css-select does not know: only compiling them finds it.
    TRACKER_SELECTORS: '{"container": "main", "placeHeading": "h3", "truckLink": "a:nope"}',
    TRACKER_URL: "https://pods.example/",
  });
  await expect(worker({ kind: "tick", time: "2026-12-03T16:00:00Z" })).rejects.toThrow(
    /^TRACKER_SELECTORS has an invalid CSS selector in "truckLink": /,
  );
});
