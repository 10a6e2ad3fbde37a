// The bundle that is deployed: dist/lambda/worker.mjs (npm test builds it first), configured only
// through process.env as on Lambda. Re-importing it after vi.resetModules() is a cold start.
import { afterEach } from "vitest";
import type { Worker } from "../../src/runtimes/lambda/worker.js";
import { importBundle, restoreEnv } from "./bundle.js";
import { describeWorker } from "./workerContract.js";

afterEach(restoreEnv);

describeWorker("worker (dist/lambda/worker.mjs)", (env) => importBundle<Worker>("worker", env));
