// `npm run demo`: the whole product offline — a local server with a throwaway signing secret and
// the bundled sample tracker page, and one `try "farragut"` against it.
import { randomBytes } from "node:crypto";
import { readFulfilConfig } from "../config/fulfilConfig.js";
import { silentLogger } from "../observe/log.js";
import { createFulfiller } from "../phase2/createFulfiller.js";
import { createMemoryClaimStore } from "../claims/claimStore.js";
import { createLocalServer } from "../runtimes/local/server.js";
import { samplePagePath } from "./samplePage.js";
import { runTry } from "./tryCommand.js";

export async function runDemo(text: string, print: (line: string) => void): Promise<number> {
  const signingSecret = randomBytes(16).toString("hex");
  const config = readFulfilConfig({ TRACKER_URL: samplePagePath(), SLACK_RESPONSE_URL_HOSTS: "127.0.0.1" });
  const fulfil = createFulfiller(config, { log: silentLogger, claims: createMemoryClaimStore() });
  const local = createLocalServer({ signingSecret, fulfil, log: silentLogger });
  const address = await local.listen(0);
  const serverUrl = `http://127.0.0.1:${address.port}`;
  print(`Demo: local server on ${serverUrl}, sample tracker page, throwaway signing secret.`);
  print(`$ slacktrux try "${text}"`);
  print("");
  try {
    return await runTry({ text, serverUrl, signingSecret, print });
  } finally {
    await local.close();
  }
}
