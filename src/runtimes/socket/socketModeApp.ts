// The Socket Mode translator: each envelope on the socket we dial out on goes to the app core's
// answerEnvelope() and its answer back as the ack, so no public URL and no signing secret. The
// core is the local runtime's (runtimes/local/localApp.ts): jobs run in this process.
import type { AddressInfo } from "node:net";
import type { RequestHandler } from "../../app/handleRequest.js";
import type { Logger } from "../../observe/log.js";
import { createHealthServer } from "./healthServer.js";
import {
  startSocketMode,
  type SocketModeConnection,
  type SocketModeEnvelope,
  type SocketModeOptions,
} from "./socketModeClient.js";

export interface SocketModeAppOptions {
  appToken: string;
  apiUrl: string;
  app: RequestHandler;
  log: Logger;
  /** Where GET /healthz is served. */
  port: number;
  host: string;
  /** The client's timings, for tests. */
  client?: Omit<SocketModeOptions, "appToken" | "apiUrl" | "onEnvelope" | "log">;
}

export interface SocketModeApp {
  health: AddressInfo;
  connection: SocketModeConnection;
  /** Closes the socket and the health server. */
  close(): Promise<void>;
}

/** Resolves once connected (after the first hello); rejects with a SocketModeError on a wrong token. */
export async function startSocketModeApp(options: SocketModeAppOptions): Promise<SocketModeApp> {
  const onEnvelope = (envelope: SocketModeEnvelope) =>
    options.app.answerEnvelope(envelope.type, envelope.payload, envelope.envelopeId);
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
    async close() {
      await open.close();
      await healthServer.close();
    },
  };
}
