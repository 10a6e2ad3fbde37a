// The worker's TypeScript source: each load builds a fresh worker, i.e. a fresh cold start.
import { createWorker } from "../../src/runtimes/lambda/worker.js";
import { describeWorker } from "./workerContract.js";

describeWorker("worker (source)", async (env) => createWorker(env));
