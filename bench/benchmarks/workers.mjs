// @ts-check
// The Cloudflare Worker (dist/workers/worker.mjs) in workerd, through Miniflare: its size (raw and
// gzip, beside the Lambda receiver's), cold start (a new runtime until ready, then the first signed
// command, which also reads and checks the configuration) and warm acknowledgements (p50/p99 of
// signed commands, each verified and sent to the queue; no consumer, so phase 2 takes no CPU from
// the timing). Local workerd is not Cloudflare's edge, where isolates start in milliseconds: these
// guard against regressions. Times include Miniflare's own request round trip.
//   npm run bench (one of its benchmarks)     (after npm run build)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Miniflare } from "miniflare";
import { BENCH_SECRET, commandBody, responseUrl, signedHeaders } from "../harness/slackEvents.mjs";
import { figure, median, percentile } from "../harness/stats.mjs";

/** @param {import("../harness/isolate.mjs").BenchContext} context */
export async function run({ quick, root }) {
  const script = join(root, "dist", "workers", "worker.mjs");
  const receiver = join(root, "dist", "lambda", "receiver.mjs");
  const sizeOf = (/** @type {string} */ file) => {
    const bytes = readFileSync(file);
    return {
      raw: figure(bytes.length / 1000, "KB", 1),
      gzip: figure(gzipSync(bytes, { level: 9 }).length / 1000, "KB", 1),
    };
  };

  const starts = quick ? 3 : 10;
  const readyMs = [];
  const firstAckMs = [];
  for (let index = 0; index < starts; index++) {
    const began = performance.now();
    const mf = workerd(script);
    await mf.ready;
    readyMs.push(performance.now() - began);
    const askedAt = performance.now();
    await command(mf, index);
    firstAckMs.push(performance.now() - askedAt);
    await mf.dispose();
  }

  const commands = quick ? 200 : 2_000;
  const warmup = 50;
  const ackMs = [];
  const mf = workerd(script);
  try {
    await mf.ready;
    for (let index = 0; index < warmup + commands; index++) {
      const began = performance.now();
      await command(mf, index);
      if (index >= warmup) ackMs.push(performance.now() - began);
    }
  } finally {
    await mf.dispose();
  }

  return {
    size: { worker: sizeOf(script), lambdaReceiver: sizeOf(receiver) },
    coldStart: {
      ready: figure(median(readyMs), "ms", starts, "new Miniflare() until ready, median"),
      firstAck: figure(median(firstAckMs), "ms", starts, "first signed command on a cold isolate, median"),
    },
    warmAck: {
      p50: figure(percentile(ackMs, 50), "ms", commands, "signed command → Looking…, queue send included"),
      p99: figure(percentile(ackMs, 99), "ms", commands),
    },
  };
}

/** @param {string} scriptPath */
function workerd(scriptPath) {
  return new Miniflare({
    modules: true,
    scriptPath,
    compatibilityDate: "2026-07-01",
    compatibilityFlags: ["nodejs_compat"],
    bindings: { SLACK_SIGNING_SECRET: BENCH_SECRET, SLACK_RESPONSE_URL_HOSTS: "127.0.0.1" },
    d1Databases: { DB: "bench" },
    queueProducers: { JOBS: { queueName: "bench-jobs" } },
    // The Worker's log lines would be timed as stdout writes: dropped.
    handleRuntimeStdio(/** @type {NodeJS.ReadableStream} */ stdout, /** @type {NodeJS.ReadableStream} */ stderr) {
      stdout.resume();
      stderr.resume();
    },
  });
}

/**
 * @param {Miniflare} mf
 * @param {number} index
 */
async function command(mf, index) {
  const body = commandBody(index, responseUrl("http://127.0.0.1", index));
  const response = await mf.dispatchFetch("http://localhost/slack/commands", {
    method: "POST",
    headers: signedHeaders(body),
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || !text.includes("Looking"))
    throw new Error(`command ${index}: ${response.status} ${text}`);
}
