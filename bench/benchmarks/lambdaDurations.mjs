// @ts-check
// Benchmark 8's inputs — how long each Lambda handler runs per command once warm, in process:
// the receiver (acknowledge + async invoke to a loopback Invoke API answering 202) and the worker
// (fetch the sample page from a loopback tracker, uncached, parse, post to a loopback
// response_url). The worker's jobs are the very payloads the receiver sent. Real AWS adds network
// time to both; bench/benchmarks/cost.mjs adds it as a stated assumption.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startCatcher, startInvokeStub, startTracker } from "../harness/loopback.mjs";
import { commandBody, functionUrlEvent, responseUrl, signedHeaders } from "../harness/slackEvents.mjs";
import { lambdaEnv } from "../harness/lambdaEnv.mjs";
import { figure, percentile } from "../harness/stats.mjs";

/** @param {import("../harness/isolate.mjs").BenchContext} context */
export async function run({ quick, root, bundles }) {
  const commands = quick ? 200 : 1_000;
  const warmup = 50;
  const tracker = await startTracker(readFileSync(join(root, "samples", "dc-food-truck-list.html"), "utf8"));
  const catcher = await startCatcher();
  const invoke = await startInvokeStub();
  // The handlers read their configuration from process.env when first used; this process is
  // the benchmark's own (bench/harness/isolate.mjs), so setting it here touches nothing else.
  Object.assign(process.env, {
    ...lambdaEnv({ invokeUrl: invoke.url, trackerUrl: tracker.url }),
    TRACKER_CACHE_SECONDS: "0",
  });

  // Both handlers log a JSON line per command to stdout, as on Lambda; here it would only flood the report.
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    const receiver = (await import(pathToFileURL(bundles.receiver).href)).handler;
    const worker = (await import(pathToFileURL(bundles.worker).href)).handler;

    const receiverMs = [];
    for (let index = 0; index < warmup + commands; index++) {
      const body = commandBody(index, responseUrl(catcher.url, index));
      const event = functionUrlEvent({ body, headers: signedHeaders(body) });
      const started = performance.now();
      const result = await receiver(event);
      const ms = performance.now() - started;
      if (result.statusCode !== 200 || invoke.jobs.length !== index + 1)
        throw new Error(`receiver: ${result.statusCode} ${result.body}`);
      if (index >= warmup) receiverMs.push(ms);
    }

    const workerMs = [];
    for (const [index, job] of invoke.jobs.entries()) {
      const started = performance.now();
      const { request } = /** @type {{ request: { kind: string; query?: string } }} */ (job);
      const outcome = await worker(job);
      const ms = performance.now() - started;
      // "list" commands are answered with the place list; every other text names a listed place.
      if (outcome !== "posted" && outcome !== "listed")
        throw new Error(`worker: ${outcome} for ${request.kind} ${request.query ?? ""}`);
      if (index >= warmup) workerMs.push(ms);
    }
    if (tracker.fetches() !== invoke.jobs.length)
      throw new Error(`expected an uncached fetch per job, saw ${tracker.fetches()}`);

    return {
      receiver: {
        p50: figure(percentile(receiverMs, 50), "ms", receiverMs.length),
        p99: figure(percentile(receiverMs, 99), "ms", receiverMs.length),
      },
      worker: {
        p50: figure(percentile(workerMs, 50), "ms", workerMs.length),
        p99: figure(percentile(workerMs, 99), "ms", workerMs.length),
      },
    };
  } finally {
    process.stdout.write = write;
    await Promise.all([tracker.close(), catcher.close(), invoke.close()]);
  }
}
