// @ts-check
// Benchmark 10 — a tick at scale: 10,000 daily posts due in one minute across 1,000 workspaces,
// posted by the app's ticker (paced per channel, bounded in flight, each workspace's own token)
// to a loopback stand-in for Slack's Web API that answers in 50 ms, rate-limits like Slack (a
// second post to a channel within a second gets 429 Retry-After: 1) and answers 429 to the first
// post of one channel in a hundred anyway. It counts what breaks the rules: posts to a channel
// less than a second apart, a post before its Retry-After, a wrong workspace's token, tracker reads.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startLoopbackServer } from "../../test/helpers/loopback.mjs";
import { startTracker } from "../harness/loopback.mjs";
import { figure } from "../harness/stats.mjs";

const ANSWER_MS = 50;
const CHANNELS_PER_WORKSPACE = 8;

/** @param {import("../harness/isolate.mjs").BenchContext} context */
export async function run({ quick, bundles, root }) {
  const sources = await import(pathToFileURL(bundles.sources).href);
  const posts = quick ? 1_000 : 10_000;
  const workspaces = quick ? 100 : 1_000;
  const html = readFileSync(join(root, "test/fixtures/foodtruckfiesta/dc-food-truck-list.html"), "utf8");
  const tracker = await startTracker(html);

  /** @type {Map<string, { lastMs: number; notBeforeMs: number; posts: number }>} */
  const channels = new Map();
  let inFlight = 0;
  let mostInFlight = 0;
  let tooSoon = 0;
  let beforeRetryAfter = 0;
  let wrongToken = 0;
  let rateLimited = 0;
  let delivered = 0;
  const slack = await startLoopbackServer(
    (request, response) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      const body = JSON.parse(request.body);
      const [team, channel] = String(body.channel).split(":");
      if (request.headers.authorization !== `Bearer xoxb-${team}`) wrongToken++;
      const key = String(body.channel);
      const now = performance.now();
      const seen = channels.get(key) ?? { lastMs: -Infinity, notBeforeMs: 0, posts: 0 };
      channels.set(key, seen);
      let limited = false;
      if (now < seen.notBeforeMs) beforeRetryAfter++;
      if (now - seen.lastMs < 1_000) tooSoon++;
      if (now - seen.lastMs < 1_000 || (seen.posts === 0 && Number(channel?.slice(1)) % 100 === 0)) limited = true;
      seen.lastMs = now;
      seen.posts++;
      if (limited) seen.notBeforeMs = now + 1_000;
      setTimeout(() => {
        inFlight--;
        if (limited) {
          rateLimited++;
          response.writeHead(429, { "retry-after": "1", "content-type": "application/json" });
          response.end(JSON.stringify({ ok: false, error: "ratelimited" }));
          return;
        }
        delivered++;
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ ok: true }));
      }, ANSWER_MS);
    },
    { record: false },
  );

  const env = { TRACKER_URL: `${tracker.url}/`, SLACK_API_URL: `${slack.url}/api/`, SLACK_BOT_TOKEN: "xoxb-bench" };
  const config = sources.readFulfilConfig(env);
  const subscriptionConfig = sources.readSubscriptionConfig(env);
  // The channel's name carries its workspace, so the stand-in can check the token used.
  const due = Array.from({ length: posts }, (_, index) => {
    const team = `T${index % workspaces}`;
    const channel = `C${Math.floor(index / workspaces) % CHANNELS_PER_WORKSPACE}${index % workspaces}`;
    return {
      kind: "digest",
      id: `bench-${index}`,
      teamId: team,
      channelId: `${team}:${channel}`,
      places: ["Farragut Square"],
      time: "11:30",
      timeZone: "America/New_York",
      days: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
      createdBy: "U1",
      createdAt: "2026-12-01T00:00:00Z",
    };
  });
  const log = sources.createLogger(() => {});
  const ticker = sources.createTicker(config, subscriptionConfig, {
    store: { remove: async () => [] },
    claims: sources.createMemoryClaimStore(),
    refusedRuns: sources.createMemoryRefusedRunStore(),
    tracker: sources.trackerFromConfig(config),
    log,
    metrics: { count() {}, milliseconds() {} },
    tokenFor: async (/** @type {string} */ teamId) => ({ ok: true, token: `xoxb-${teamId}` }),
  });
  try {
    const started = performance.now();
    const result = await ticker(due, new Date("2026-12-02T16:30:00Z"));
    const seconds = (performance.now() - started) / 1000;
    if (result.outcomes.posted !== posts) throw new Error(`posted ${JSON.stringify(result.outcomes)} of ${posts}`);
    return {
      posts: figure(posts, "posts", 1, `${workspaces} workspaces, ${channels.size} channels`),
      duration: figure(seconds, "s", 1, `Web API answering in ${ANSWER_MS} ms`),
      throughput: figure(posts / seconds, "posts/s", 1),
      mostInFlight: figure(mostInFlight, "requests", 1),
      rateLimited: figure(rateLimited, "429s", 1),
      tooSoon: figure(tooSoon, "posts < 1 s apart in one channel", 1),
      beforeRetryAfter: figure(beforeRetryAfter, "posts before Retry-After", 1),
      wrongToken: figure(wrongToken, "posts", 1),
      trackerReads: figure(tracker.fetches(), "reads", 1),
      delivered: figure(delivered, "posts", 1),
    };
  } finally {
    await Promise.all([slack.close(), tracker.close()]);
  }
}
