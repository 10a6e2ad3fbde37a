// `npm run demo`: the whole product offline — a local server with a throwaway signing secret and
// the bundled sample tracker page, and one `try "farragut"` against it.
import { randomBytes } from "node:crypto";
import { silentLogger } from "../observe/log.js";
import { createLocalApp } from "../runtimes/local/localApp.js";
import { createLocalServer } from "../runtimes/local/server.js";
import { samplePagePath } from "./samplePage.js";
import { runTry } from "./tryCommand.js";

export async function runDemo(text: string, print: (line: string) => void): Promise<number> {
  const signingSecret = randomBytes(16).toString("hex");
  const { app, idle } = createLocalApp(
    { TRACKER_URL: samplePagePath(), SLACK_RESPONSE_URL_HOSTS: "127.0.0.1", SLACK_SIGNING_SECRET: signingSecret },
    { log: silentLogger },
  );
  const local = createLocalServer({ app, log: silentLogger, idle });
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
