// The local runtime wired as `slacktrux serve` wires it, from environment-style settings, on a
// free loopback port: what the end-to-end tests talk to.
import { readFulfilConfig } from "../../src/config/fulfilConfig.js";
import { silentLogger, type Logger } from "../../src/observe/log.js";
import { createFulfiller, type Fulfiller } from "../../src/phase2/createFulfiller.js";
import { createMemoryClaimStore } from "../../src/claims/claimStore.js";
import { createLocalServer, type LocalServer } from "../../src/runtimes/local/server.js";
import { TEST_SECRET } from "./slackRequest.js";

export interface LocalApp {
  local: LocalServer;
  baseUrl: string;
}

export async function startLocalApp(
  env: Record<string, string>,
  options: { log?: Logger; wrapFulfil?: (fulfil: Fulfiller) => Fulfiller } = {},
): Promise<LocalApp> {
  const log = options.log ?? silentLogger;
  const fulfil = createFulfiller(readFulfilConfig(env), { log, claims: createMemoryClaimStore() });
  const local = createLocalServer({
    signingSecret: TEST_SECRET,
    log,
    fulfil: options.wrapFulfil ? options.wrapFulfil(fulfil) : fulfil,
  });
  const { port } = await local.listen(0);
  return { local, baseUrl: `http://127.0.0.1:${port}` };
}
