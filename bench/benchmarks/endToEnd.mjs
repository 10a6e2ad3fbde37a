// @ts-check
// Benchmark 5 — end to end on one machine: a signed command to the real local server
// (`node dist/cli.mjs serve`), which fetches the page from a loopback tracker, parses it and posts
// the trucks to a loopback response_url. Latency is from sending the POST to the catcher having
// the whole message. Commands go one after another, so each figure is one command's own time.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startCatcher, startTracker, within } from "../harness/loopback.mjs";
import { generateLargePage } from "./generatePage.mjs";
import { startLocalServer } from "../harness/localServer.mjs";
import { responseUrl } from "../harness/slackEvents.mjs";
import { figure, percentile } from "../harness/stats.mjs";

/** @param {import("../harness/isolate.mjs").BenchContext} context */
export async function run({ quick, root, bundles }) {
  const commands = quick ? 100 : 500;
  const warmup = 30;
  const samplePage = readFileSync(join(root, "samples", "dc-food-truck-list.html"), "utf8");
  const cases = [
    { name: "uncached", page: samplePage, cacheSeconds: "0" },
    { name: "cached", page: samplePage, cacheSeconds: "300" },
    // Not a target: how the same path does when the page is 1 MB (generated, as in benchmark 4).
    { name: "uncachedLargePage", page: generateLargePage().html, cacheSeconds: "0" },
  ];
  /** @type {Record<string, unknown>} */
  const results = {};
  for (const { name, page, cacheSeconds } of cases) {
    results[name] = await measure({ page, cacheSeconds, commands, warmup, cli: bundles.cli });
  }
  return results;
}

/**
 * @param {{ page: string; cacheSeconds: string; commands: number; warmup: number; cli: string }} options
 */
async function measure({ page, cacheSeconds, commands, warmup, cli }) {
  const tracker = await startTracker(page);
  const catcher = await startCatcher();
  const server = await startLocalServer(cli, { TRACKER_URL: tracker.url, TRACKER_CACHE_SECONDS: cacheSeconds });
  const endToEnd = [];
  const acknowledged = [];
  try {
    for (let index = 0; index < warmup + commands; index++) {
      const url = responseUrl(catcher.url, index);
      const delivered = catcher.expect(new URL(url).pathname);
      const sent = performance.now();
      const answer = await server.send(index, url);
      if (answer.status !== 200) throw new Error(`command ${index} answered ${answer.status}: ${answer.body}`);
      const { at, message: posted } = await within(delivered, 5_000, `command ${index}'s message`);
      const message = /** @type {{ blocks?: unknown }} */ (posted);
      if (!Array.isArray(message.blocks) || message.blocks.length === 0)
        throw new Error(`command ${index}: message without blocks`);
      if (index >= warmup) {
        endToEnd.push(at - sent);
        acknowledged.push(answer.at - sent);
      }
    }
  } finally {
    await server.stop();
    await Promise.all([tracker.close(), catcher.close()]);
  }
  return {
    p50: figure(percentile(endToEnd, 50), "ms", commands),
    p99: figure(percentile(endToEnd, 99), "ms", commands),
    ackP50: figure(percentile(acknowledged, 50), "ms", commands),
    ackP99: figure(percentile(acknowledged, 99), "ms", commands),
    trackerFetches: figure(tracker.fetches(), "fetches", warmup + commands),
  };
}
