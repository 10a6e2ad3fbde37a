// `slacktrux serve` (npm start): the local runtime, configured from the environment.
import { readNumber, readSigningSecret } from "../config/env.js";
import { readFulfilConfig } from "../config/fulfilConfig.js";
import { createLogger } from "../observe/log.js";
import { createFulfiller } from "../phase2/createFulfiller.js";
import { createMemoryClaimStore } from "../claims/claimStore.js";
import { createLocalServer } from "../runtimes/local/server.js";

export async function runServe(env: Record<string, string | undefined>, err: (text: string) => void): Promise<number> {
  const signingSecret = readSigningSecret(env);
  const config = readFulfilConfig(env);
  const port = readNumber(env, "PORT", 3000, 0, 65_535);
  const host = env.HOST?.trim() || "127.0.0.1";
  const log = createLogger();
  const fulfil = createFulfiller(config, { log, claims: createMemoryClaimStore() });
  const local = createLocalServer({ signingSecret, fulfil, log, defaultPlace: env.DEFAULT_PLACE?.trim() || undefined });
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
