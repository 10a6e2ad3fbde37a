// `slacktrux serve` (npm start): the local runtime, configured from the environment.
import { DEFAULT_PLACE, HOST, MAX_CONNECTIONS, PORT, SLACK_SIGNING_SECRET } from "../config/registry.js";
import { readFulfilConfig } from "../config/fulfilConfig.js";
import { createLogger } from "../observe/log.js";
import { createFulfiller } from "../phase2/createFulfiller.js";
import { createMemoryClaimStore } from "../claims/claimStore.js";
import { createLocalServer } from "../runtimes/local/server.js";

export async function runServe(env: Record<string, string | undefined>, err: (text: string) => void): Promise<number> {
  const signingSecret = SLACK_SIGNING_SECRET.read(env);
  const config = readFulfilConfig(env);
  const port = PORT.read(env);
  const host = HOST.read(env);
  const log = createLogger();
  const fulfil = createFulfiller(config, { log, claims: createMemoryClaimStore() });
  const local = createLocalServer({
    signingSecret,
    fulfil,
    log,
    defaultPlace: DEFAULT_PLACE.read(env),
    limits: { maxConnections: MAX_CONNECTIONS.read(env) },
  });
  const address = await local.listen(port, host);
  err(
    `slacktrux listening on http://${address.address}:${address.port} (POST /slack/commands, POST /slack/interactions, GET /healthz)`,
  );

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  err("stopping: finishing the lookups under way…");
  await local.close();
  return 0;
}
