// `slacktrux serve` with SLACK_APP_TOKEN: Socket Mode. No signing secret is read: the socket,
// opened with the app token, is what authenticates Slack's requests. Exits non-zero when the
// token is refused or Slack disables the link, so a supervisor does not restart it in a loop
// believing it healthy.
import type { Env } from "../../config/env.js";
import { HOST, PORT, SLACK_API_URL, SLACK_APP_TOKEN } from "../../config/registry.js";
import { createLogger } from "../../observe/log.js";
import { startLocalApp } from "../local/serve.js";
import { stopSignal } from "../local/stopSignal.js";
import { startSocketModeApp } from "./socketModeApp.js";
import { SocketModeError } from "./socketModeError.js";

export async function runSocketModeServe(env: Env, err: (text: string) => void): Promise<number> {
  const appToken = SLACK_APP_TOKEN.read(env) ?? "";
  const apiUrl = SLACK_API_URL.read(env);
  const port = PORT.read(env);
  const host = HOST.read(env);
  const log = createLogger();
  const local = startLocalApp(env, log, err);
  let socket;
  try {
    socket = await startSocketModeApp({ appToken, apiUrl, app: local.app, log, port, host });
  } catch (error) {
    await local.stop();
    if (error instanceof SocketModeError) {
      err(`slacktrux: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const { address, port: healthPort } = socket.health;
  err(`slacktrux connected to Slack by Socket Mode (GET /healthz on http://${address}:${healthPort})`);

  const stoppedBy = await Promise.race([stopSignal().then(() => undefined), socket.connection.stopped]);
  err(stoppedBy ? `slacktrux: ${stoppedBy.message}` : "stopping: finishing the lookups under way…");
  await local.stop();
  await socket.close();
  await local.idle();
  local.close();
  return stoppedBy ? 1 : 0;
}
