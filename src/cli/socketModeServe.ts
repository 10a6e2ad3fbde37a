// `slacktrux serve` with SLACK_APP_TOKEN: Socket Mode. No signing secret is read: the socket,
// opened with the app token, is what authenticates Slack's requests. Exits non-zero when the
// token is refused or Slack disables the link, so a supervisor does not restart it in a loop
// believing it healthy.
import { DEFAULT_PLACE, HOST, PORT, SLACK_API_URL, SLACK_APP_TOKEN } from "../config/registry.js";
import { createLogger } from "../observe/log.js";
import { startSocketModeApp } from "../runtimes/socket/socketModeApp.js";
import { SocketModeError } from "../runtimes/socket/socketModeError.js";
import { startLocalPhase2 } from "./localPhase2.js";
import { stopSignal } from "./stopSignal.js";

export async function runSocketModeServe(
  env: Record<string, string | undefined>,
  err: (text: string) => void,
): Promise<number> {
  const appToken = SLACK_APP_TOKEN.read(env) ?? "";
  const apiUrl = SLACK_API_URL.read(env);
  const port = PORT.read(env);
  const host = HOST.read(env);
  const log = createLogger();
  const phase2 = startLocalPhase2(env, log, err);
  let app;
  try {
    app = await startSocketModeApp({
      appToken,
      apiUrl,
      fulfil: phase2.fulfil,
      log,
      defaultPlace: DEFAULT_PLACE.read(env),
      port,
      host,
    });
  } catch (error) {
    await phase2.stop();
    if (error instanceof SocketModeError) {
      err(`slacktrux: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const { address, port: healthPort } = app.health;
  err(`slacktrux connected to Slack by Socket Mode (GET /healthz on http://${address}:${healthPort})`);

  const stoppedBy = await Promise.race([stopSignal().then(() => undefined), app.connection.stopped]);
  err(stoppedBy ? `slacktrux: ${stoppedBy.message}` : "stopping: finishing the lookups under way…");
  await phase2.stop();
  await app.close();
  return stoppedBy ? 1 : 0;
}
