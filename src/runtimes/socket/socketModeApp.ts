// The Socket Mode runtime: the same phases as the local HTTP server, with Slack's requests
// arriving as envelopes on a socket we dial out on, so no public URL and no signing secret.
// Phase 2 runs in this process and answers on the response_url as everywhere else.
import type { AddressInfo } from "node:net";
import type { Fulfiller } from "../../phase2/createFulfiller.js";
import type { Logger } from "../../observe/log.js";
import { createInProcessHandOff } from "../local/inProcessHandOff.js";
import { createEnvelopeAnswerer } from "./answerEnvelope.js";
import { createHealthServer } from "./healthServer.js";
import { startSocketMode, type SocketModeConnection, type SocketModeOptions } from "./socketModeClient.js";

export interface SocketModeAppOptions {
  appToken: string;
  apiUrl: string;
  fulfil: Fulfiller;
  log: Logger;
  defaultPlace?: string | undefined;
  /** Where GET /healthz is served. */
  port: number;
  host: string;
  /** The client's timings, for tests. */
  client?: Omit<SocketModeOptions, "appToken" | "apiUrl" | "onEnvelope" | "log">;
}

export interface SocketModeApp {
  health: AddressInfo;
  connection: SocketModeConnection;
  /** Resolves when every phase 2 started so far has finished. */
  idle(): Promise<void>;
  /** Closes the socket and the health server, then waits for the lookups under way. */
  close(): Promise<void>;
}

/** Resolves once connected (after the first hello); rejects with a SocketModeError on a wrong token. */
export async function startSocketModeApp(options: SocketModeAppOptions): Promise<SocketModeApp> {
  const { handOff, idle } = createInProcessHandOff(options.fulfil, options.log);
  const onEnvelope = createEnvelopeAnswerer({ handOff, log: options.log, defaultPlace: options.defaultPlace });
  let connection: SocketModeConnection | undefined;
  const healthServer = createHealthServer(() => {
    if (connection?.connected) return { ok: true };
    return { ok: false, reason: connection ? "socket mode: not connected" : "socket mode: connecting" };
  });
  // Health first: a supervisor sees "connecting" rather than a refused connection during start-up.
  const health = await healthServer.listen(options.port, options.host);
  try {
    connection = await startSocketMode({
      ...options.client,
      appToken: options.appToken,
      apiUrl: options.apiUrl,
      onEnvelope,
      log: options.log,
    });
  } catch (error) {
    await healthServer.close();
    throw error;
  }
  const open = connection;
  return {
    health,
    connection: open,
    idle,
    async close() {
      await open.close();
      await healthServer.close();
      await idle();
    },
  };
}
