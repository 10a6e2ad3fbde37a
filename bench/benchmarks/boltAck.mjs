// @ts-check
// Benchmark 7 (ack latency) — Bolt's in-process acknowledgement, measured as benchmark 1 measures
// ours: warm, one signed command after another, each timed around the handler call. Bolt's
// handler includes its own event translation; its listener acks "please wait" and hands off nothing.
import { pathToFileURL } from "node:url";
import { apiGatewayV1Event, BENCH_SECRET, commandBody, responseUrl, signedHeaders } from "../harness/slackEvents.mjs";
import { figure, percentile } from "../harness/stats.mjs";

/** @param {import("../harness/isolate.mjs").BenchContext} context */
export async function run({ quick, bundles }) {
  process.env.SLACK_SIGNING_SECRET = BENCH_SECRET;
  const { handler } = await import(pathToFileURL(bundles.bolt).href);
  const commands = quick ? 10_000 : 50_000;
  const warmup = 2_000;
  const events = Array.from({ length: warmup + commands }, (_, index) => {
    const body = commandBody(index, responseUrl("https://hooks.slack.com", index));
    return apiGatewayV1Event(body, signedHeaders(body));
  });

  const micros = new Float64Array(commands);
  for (let index = 0; index < events.length; index++) {
    const started = performance.now();
    const result = await handler(events[index], {}, () => {});
    const elapsed = performance.now() - started;
    if (result.statusCode !== 200 || result.body !== "please wait")
      throw new Error(`Bolt answered ${result.statusCode}: ${result.body}`);
    if (index >= warmup) micros[index - warmup] = elapsed * 1000;
  }
  return {
    p50: figure(percentile(micros, 50), "µs", commands),
    p99: figure(percentile(micros, 99), "µs", commands),
  };
}
