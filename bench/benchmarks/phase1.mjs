// @ts-check
// Benchmark 1 — phase 1 in process: signature check, form parse, command interpretation,
// hand-off and the "looking…" answer, per signed command, with a no-op hand-off that only queues
// the job. The logger formats each line as in production but writes nowhere: stdout's cost
// depends on where it goes, not on our code.
import { pathToFileURL } from "node:url";
import { commandBody, responseUrl, signedHeaders, BENCH_SECRET } from "../harness/slackEvents.mjs";
import { figure, percentile } from "../harness/stats.mjs";

/** @param {import("../harness/isolate.mjs").BenchContext} context */
export async function run({ quick, bundles }) {
  const { acknowledge, createLogger } = await import(pathToFileURL(bundles.sources).href);
  const commands = quick ? 10_000 : 50_000;
  const warmup = 2_000;

  /** @type {unknown[]} */
  const jobs = [];
  const deps = {
    signingSecret: BENCH_SECRET,
    handOff: async (/** @type {unknown} */ job) => void jobs.push(job),
    log: createLogger(() => {}),
  };
  // Built up front so only acknowledge() is timed; each has its own body and signature.
  const requests = Array.from({ length: warmup + commands }, (_, index) => {
    const body = commandBody(index, responseUrl("https://hooks.slack.com", index));
    return { method: "POST", headers: signedHeaders(body), rawBody: Buffer.from(body) };
  });

  const micros = new Float64Array(commands);
  for (let index = 0; index < requests.length; index++) {
    const started = performance.now();
    const response = await acknowledge(requests[index], deps);
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`command ${index} answered ${response.status}: ${response.body}`);
    if (index >= warmup) micros[index - warmup] = elapsed * 1000;
  }
  if (jobs.length !== requests.length) throw new Error(`${jobs.length} hand-offs for ${requests.length} commands`);

  const totalMs = micros.reduce((a, b) => a + b, 0) / 1000;
  return {
    p50: figure(percentile(micros, 50), "µs", commands),
    p99: figure(percentile(micros, 99), "µs", commands),
    max: figure(percentile(micros, 100), "µs", commands),
    throughput: figure(commands / (totalMs / 1000), "commands/s (one core)", commands),
  };
}
