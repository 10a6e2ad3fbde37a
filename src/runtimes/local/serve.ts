// `slacktrux serve` (npm start): the local runtime, configured from the environment. With
// SLACK_APP_TOKEN set it connects to Slack by Socket Mode; otherwise it listens for Slack's HTTP
// requests, signed with SLACK_SIGNING_SECRET. Either way the app core is the same, and — with
// SLACK_BOT_TOKEN — it ticks every minute in this process.
import {
  HOST,
  MAX_CONNECTIONS,
  PORT,
  SLACK_APP_TOKEN,
  SLACK_CLIENT_ID,
  SLACK_SIGNING_SECRET,
  SLACKTRUX_PUBLIC_URL,
  TICK_EVERY_MINUTE,
} from "../../config/registry.js";
import { createLogger, type Logger } from "../../observe/log.js";
import { ROUTES } from "../../app/routes.js";
import { runSocketModeServe } from "../socket/serveSocketMode.js";
import { createLocalApp, type LocalApp } from "./localApp.js";
import { startMinuteTicks } from "./minuteTicks.js";
import { createLocalServer } from "./server.js";
import { stopSignal } from "./stopSignal.js";
import type { Env } from "../../config/env.js";
import { checkPageLayout, readPageLayout } from "../../config/fulfilConfig.js";

export async function runServe(env: Env, err: (text: string) => void): Promise<number> {
  // What only the loaded parser can check (a selector tracker's selectors), before connecting.
  await checkPageLayout(readPageLayout(env));
  if (SLACK_APP_TOKEN.read(env) !== undefined) return runSocketModeServe(env, err);
  // Read first: without it no Slack request could be checked, so say so before listening.
  SLACK_SIGNING_SECRET.read(env);
  const port = PORT.read(env);
  const host = HOST.read(env);
  const log = createLogger();
  const local = startLocalApp(env, log, err);
  const server = createLocalServer({
    app: local.app,
    log,
    idle: local.idle,
    limits: { maxConnections: MAX_CONNECTIONS.read(env) },
  });
  const address = await server.listen(port, host);
  const routes = ROUTES.map((route) => `${route.method} ${route.path}`).join(", ");
  err(`slacktrux listening on http://${address.address}:${address.port} (${routes})`);

  await stopSignal();
  err("stopping: finishing the lookups under way…");
  await local.stop();
  await server.close();
  local.close();
  return 0;
}

/** The local app core, ticking every minute when subscriptions are on (and TICK_EVERY_MINUTE is). */
export function startLocalApp(
  env: Env,
  log: Logger,
  err: (text: string) => void,
): LocalApp & { stop(): Promise<void> } {
  const local = createLocalApp(env, { log });
  const on = local.app.subscriptionsOn;
  const ticking = on && TICK_EVERY_MINUTE.read(env) === "on";
  const ticks = ticking ? startMinuteTicks((at) => local.app.tick(at), log) : undefined;
  err(
    !on
      ? "daily digests and follows: off (set SLACK_BOT_TOKEN to turn them on)"
      : ticking
        ? `daily digests and follows: kept in ${local.dataDir}, run every minute`
        : `daily digests and follows: kept in ${local.dataDir}, run by \`slacktrux tick\` (TICK_EVERY_MINUTE=off)`,
  );
  const publicUrl = SLACK_CLIENT_ID.read(env) !== undefined ? SLACKTRUX_PUBLIC_URL.read(env) : undefined;
  if (publicUrl !== undefined) err(`Add to Slack: ${publicUrl.replace(/\/$/, "")}/slack/install (docs/INSTALLING.md)`);
  return { ...local, stop: async () => ticks?.stop() };
}
