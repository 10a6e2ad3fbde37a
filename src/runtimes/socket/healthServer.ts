// In Socket Mode nothing calls us over HTTP but process supervisors: GET /healthz answers 200 "ok"
// while the socket is connected and 503 with a short reason otherwise. Nothing else is served.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type HealthCheck = () => { ok: true } | { ok: false; reason: string };

export interface HealthServer {
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

export function createHealthServer(check: HealthCheck): HealthServer {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0];
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (path !== "/healthz") return send(404, "not found (Socket Mode serves only GET /healthz)");
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed", { allow: "GET, HEAD" });
    const health = check();
    if (health.ok) send(200, "ok");
    else send(503, health.reason);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
