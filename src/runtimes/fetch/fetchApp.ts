// The Fetch API runtime: the app core behind one `fetch(request) → response` function, for any
// server that speaks the Fetch API (Bun.serve, Deno.serve, Node behind an adapter). Settings and
// secrets come from the environment, work runs in this process after the answer (as locally), and
// claims are kept in memory. Added by docs/ARCHITECTURE.md's "Add a runtime" recipe, as its proof.
import { createMemoryClaimStore } from "../../claims/claimStore.js";
import type { Env } from "../../config/env.js";
import { createApp, type App } from "../../app/createApp.js";
import { envSecrets } from "../../app/envSecrets.js";
import type { Job } from "../../app/jobs.js";
import { fetchHttpClient } from "../../net/fetchHttpClient.js";
import { createLogger, type Logger } from "../../observe/log.js";
import { textResponse } from "../../web/exchange.js";
import { createInProcessHandOff } from "../local/inProcessHandOff.js";
import { toInboundRequest, toResponse } from "./exchange.js";

export interface FetchApp {
  fetch(request: Request): Promise<Response>;
  /** Resolves when every job handed off so far has finished (tests, shutdown). */
  idle: () => Promise<void>;
}

/** This runtime's answer to "where do I set it": the server's environment. */
const whereToSet = (name: string) => `set \`${name}\` in the server's environment and restart it`;

export function createFetchApp(env: Env, log: Logger = createLogger()): FetchApp {
  const work = createInProcessHandOff((job: Job) => app.runJob(job), log);
  // `app` is read only when a job runs, after it is built.
  const app: App = createApp({
    env,
    secrets: envSecrets(env, whereToSet),
    handOff: work.handOff,
    claims: createMemoryClaimStore(),
    http: fetchHttpClient,
    log,
  });
  return {
    async fetch(request) {
      const inbound = await toInboundRequest(request);
      if (!inbound) return toResponse(textResponse(413, "body too large"));
      return toResponse(await app.handle(inbound));
    },
    idle: work.idle,
  };
}
