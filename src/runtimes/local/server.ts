// The local runtime's HTTP translator: node:http requests into the app core's handle(), its
// responses back out. Everything else — routes, health, 404/405/500 — is the core's. What stays
// here is node:http's own business: reading a capped body and cutting off slow clients.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { MAX_BODY_BYTES } from "../../phase1/checkSlackRequest.js";
import { splitTarget, type OutboundResponse } from "../../web/exchange.js";
import type { RequestHandler } from "../../app/handleRequest.js";
import type { Logger } from "../../observe/log.js";
import { describeFailure } from "../../observe/describeFailure.js";
import { MAX_CONNECTIONS } from "../../config/registry.js";
import { readBody } from "./readBody.js";
import { guardConnections } from "./connectionGuard.js";

export interface LocalServerOptions {
  app: RequestHandler;
  log: Logger;
  /** How long and how many clients are held; DEFAULT_CONNECTION_LIMITS for what is not given. */
  limits?: Partial<ConnectionLimits> | undefined;
  /** The hand-off's idle(): close() waits for the work under way. */
  idle?: () => Promise<void>;
}

/**
 * What a slow or idle client may hold. Slack sends a small request at once, so a client still
 * sending its headers after seconds is not Slack, and is cut off before it and its like can use up
 * the process's file descriptors (which phase 2 needs for its own requests).
 */
export interface ConnectionLimits {
  /** The whole header block must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** How often the two above are checked (Node checks every 30 s unless told). */
  checkEveryMs: number;
  /** Open connections at most: past it, the oldest one without a request under way is closed (connectionGuard.ts). */
  maxConnections: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  checkEveryMs: 1_000,
  maxConnections: MAX_CONNECTIONS.read({}),
  keepAliveTimeoutMs: 5_000,
};

export interface LocalServer {
  server: http.Server;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Resolves when every job handed off so far has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
  /** Stops listening, then waits for the work under way. */
  close(): Promise<void>;
}

export function createLocalServer(options: LocalServerOptions): LocalServer {
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkEveryMs,
    },
    (req, res) => void handle(req, res),
  );
  const connections = guardConnections(server, limits.maxConnections);
  const idle = options.idle ?? (async () => {});
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const send = (response: OutboundResponse) => {
      if (response.cookies?.length) res.setHeader("set-cookie", response.cookies);
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    };
    try {
      const body = await readBody(req, MAX_BODY_BYTES);
      connections.busy(req.socket);
      if (!body.ok) {
        res.setHeader("connection", "close");
        return send({ status: body.status, headers: { "content-type": "text/plain" }, body: body.reason });
      }
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers))
        headers[name] = Array.isArray(value) ? value.join(", ") : value;
      const { path, query } = splitTarget(req.url ?? "/");
      send(await options.app.handle({ method: req.method ?? "GET", path, query, headers, rawBody: body.bytes }));
    } catch (error) {
      // The core never throws; a failure here is node:http's (a socket gone mid-answer).
      options.log.error("request handler failed", { phase: "acknowledge", ...describeFailure(error) });
      if (!res.headersSent) send({ status: 500, headers: { "content-type": "text/plain" }, body: "internal error" });
      else res.destroy();
    }
  }

  return {
    server,
    listen: (port, host = "127.0.0.1") =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    idle,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await idle();
    },
  };
}
