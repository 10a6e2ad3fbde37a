// `slacktrux serve` with SLACK_APP_TOKEN: Socket Mode. No signing secret is read: the socket,
// opened with the app token, is what authenticates Slack's requests. Exits non-zero when the
// token is refused or Slack disables the link, so a supervisor does not restart it in a loop
// believing it healthy.
import { DEFAULT_PLACE, HOST, PORT, SLACK_API_URL, SLACK_APP_TOKEN } from "../config/registry.js";
import { readFulfilConfig } from "../config/fulfilConfig.js";
import { createLogger } from "../observe/log.js";
import { createFulfiller } from "../phase2/createFulfiller.js";
import { createMemoryClaimStore } from "../claims/claimStore.js";
import { startSocketModeApp } from "../runtimes/socket/socketModeApp.js";
import { SocketModeError } from "../runtimes/socket/socketModeError.js";
import { stopSignal } from "./stopSignal.js";

export async function runSocketModeServe(
  env: Record<string, string | undefined>,
  err: (text: string) => void,
): Promise<number> {
  const appToken = SLACK_APP_TOKEN.read(env) ?? "";
  const apiUrl = SLACK_API_URL.read(env);
  const config = readFulfilConfig(env);
  const port = PORT.read(env);
  const host = HOST.read(env);
  const log = createLogger();
  const fulfil = createFulfiller(config, { log, claims: createMemoryClaimStore() });
  let app;
  try {
    app = await startSocketModeApp({
      appToken,
      apiUrl,
      fulfil,
      log,
      defaultPlace: DEFAULT_PLACE.read(env),
      port,
      host,
    });
  } catch (error) {
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
  await app.close();
  return stoppedBy ? 1 : 0;
}
