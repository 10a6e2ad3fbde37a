// `slacktrux serve` (npm start): the local runtime, configured from the environment.
import { DEFAULT_PLACE, HOST, PORT, SLACK_SIGNING_SECRET, TICK_EVERY_MINUTE } from "../config/registry.js";
import { readFulfilConfig } from "../config/fulfilConfig.js";
import { createLogger } from "../observe/log.js";
import { createFulfiller } from "../phase2/createFulfiller.js";
import { createMemoryClaimStore } from "../claims/claimStore.js";
import { createLocalServer } from "../runtimes/local/server.js";
import { localSubscriptions } from "../runtimes/local/localSubscriptions.js";
import { startMinuteTicks } from "../runtimes/local/minuteTicks.js";
import { noMetrics } from "../observe/metrics.js";
import { trackerFromConfig } from "../phase2/trackerFromConfig.js";

export async function runServe(env: Record<string, string | undefined>, err: (text: string) => void): Promise<number> {
  const signingSecret = SLACK_SIGNING_SECRET.read(env);
  const config = readFulfilConfig(env);
  const port = PORT.read(env);
  const host = HOST.read(env);
  const log = createLogger();
  // One tracker (and cache) for commands and ticks.
  const tracker = trackerFromConfig(config);
  const subscriptions = localSubscriptions(env, config, { log, metrics: noMetrics, tracker });
  const fulfil = createFulfiller(config, {
    log,
    claims: createMemoryClaimStore(),
    tracker,
    subscriptions: subscriptions.settings,
  });
  const local = createLocalServer({ signingSecret, fulfil, log, defaultPlace: DEFAULT_PLACE.read(env) });
  const address = await local.listen(port, host);
  err(
    `slacktrux listening on http://${address.address}:${address.port} (POST /slack/commands, POST /slack/interactions, GET /healthz)`,
  );
  const { ticker } = subscriptions;
  const ticking = ticker !== undefined && TICK_EVERY_MINUTE.read(env) === "on";
  const ticks = ticking ? startMinuteTicks(ticker, log) : undefined;
  err(
    !ticker
      ? "daily digests and follows: off (set SLACK_BOT_TOKEN to turn them on)"
      : ticking
        ? `daily digests and follows: kept in ${subscriptions.dataDir}, run every minute`
        : `daily digests and follows: kept in ${subscriptions.dataDir}, run by \`slacktrux tick\` (TICK_EVERY_MINUTE=off)`,
  );

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  err("stopping: finishing the lookups under way…");
  await ticks?.stop();
  await local.close();
  return 0;
}
