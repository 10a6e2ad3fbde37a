// `slacktrux serve` (npm start): the local runtime, configured from the environment. With
// SLACK_APP_TOKEN set it connects to Slack by Socket Mode; otherwise it listens for Slack's HTTP
// requests, signed with SLACK_SIGNING_SECRET.
import {
  DEFAULT_PLACE,
  HOST,
  MAX_CONNECTIONS,
  PORT,
  SLACK_APP_TOKEN,
  SLACK_SIGNING_SECRET,
} from "../config/registry.js";
import { createLogger } from "../observe/log.js";
import { createLocalServer } from "../runtimes/local/server.js";
import { startLocalPhase2 } from "./localPhase2.js";
import { runSocketModeServe } from "./socketModeServe.js";
import { stopSignal } from "./stopSignal.js";

export async function runServe(env: Record<string, string | undefined>, err: (text: string) => void): Promise<number> {
  if (SLACK_APP_TOKEN.read(env) !== undefined) return runSocketModeServe(env, err);
  const signingSecret = SLACK_SIGNING_SECRET.read(env);
  const port = PORT.read(env);
  const host = HOST.read(env);
  const log = createLogger();
  const phase2 = startLocalPhase2(env, log, err);
  const local = createLocalServer({
    signingSecret,
    fulfil: phase2.fulfil,
    log,
    defaultPlace: DEFAULT_PLACE.read(env),
    limits: { maxConnections: MAX_CONNECTIONS.read(env) },
  });
  const address = await local.listen(port, host);
  err(
    `slacktrux listening on http://${address.address}:${address.port} (POST /slack/commands, POST /slack/interactions, GET /healthz)`,
  );

  await stopSignal();
  err("stopping: finishing the lookups under way…");
  await phase2.stop();
  await local.close();
  return 0;
}
