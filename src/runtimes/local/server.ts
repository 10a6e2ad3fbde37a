// The local runtime: a node:http server over the two phases. Phase 2 runs in this process after
// the acknowledgement has been sent — the in-process stand-in for Lambda's async invoke.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { MAX_BODY_BYTES } from "../../phase1/checkSlackRequest.js";
import { phase1For } from "../../phase1/routes.js";
import type { OutboundResponse } from "../../phase1/exchange.js";
import type { Fulfiller } from "../../phase2/createFulfiller.js";
import type { Logger } from "../../observe/log.js";
import { createInProcessHandOff } from "./inProcessHandOff.js";
import { MAX_CONNECTIONS } from "../../config/registry.js";
import { readBody } from "./readBody.js";
import { guardConnections } from "./connectionGuard.js";

export interface LocalServerOptions {
  signingSecret: string;
  fulfil: Fulfiller;
  log: Logger;
  defaultPlace?: string | undefined;
  /** How long and how many clients are held; DEFAULT_CONNECTION_LIMITS for what is not given. */
  limits?: Partial<ConnectionLimits> | undefined;
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
  /** Resolves when every phase 2 started so far has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createLocalServer(options: LocalServerOptions): LocalServer {
  const { handOff, idle } = createInProcessHandOff(options.fulfil, options.log);

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
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const send = (response: OutboundResponse) => {
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    };
    try {
      // Only the path matters; a request target URL cannot parse is simply not one of ours.
      const path = (req.url ?? "/").split("?", 1)[0] ?? "/";
      if (path === "/healthz") return send({ status: 200, headers: { "content-type": "text/plain" }, body: "ok" });
      const phase1 = phase1For(path);
      if (!phase1) return send({ status: 404, headers: { "content-type": "text/plain" }, body: "not found" });
      if (req.method !== "POST") {
        return send({
          status: 405,
          headers: { "content-type": "text/plain", allow: "POST" },
          body: "method not allowed",
        });
      }
      const body = await readBody(req, MAX_BODY_BYTES);
      connections.busy(req.socket);
      if (!body.ok) {
        res.setHeader("connection", "close");
        return send({ status: body.status, headers: { "content-type": "text/plain" }, body: body.reason });
      }
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers))
        headers[name] = Array.isArray(value) ? value.join(", ") : value;
      send(await phase1({ method: req.method, headers, rawBody: body.bytes }, { ...options, handOff }));
    } catch (error) {
      // Never a 5xx from a bad request; this is a bug, and it is logged as one.
      options.log.error("request handler failed", { phase: "acknowledge", error: (error as Error).message });
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
