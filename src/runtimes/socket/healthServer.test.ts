import { afterEach, describe, expect, it } from "vitest";
import { createHealthServer, type HealthServer } from "./healthServer.js";

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(connected: () => boolean): Promise<string> {
  server = createHealthServer(() => (connected() ? { ok: true } : { ok: false, reason: "socket mode: not connected" }));
  const { port } = await server.listen(0, "127.0.0.1");
  return `http://127.0.0.1:${port}`;
}

describe("the Socket Mode health server", () => {
  it("answers GET /healthz from the check, each time it is asked", async () => {
    let connected = true;
    const base = await start(() => connected);
    const first = await fetch(`${base}/healthz`);
    expect([first.status, await first.text()]).toEqual([200, "ok"]);
    connected = false;
    const second = await fetch(`${base}/healthz?probe=1`);
    expect([second.status, await second.text()]).toEqual([503, "socket mode: not connected"]);
    expect(second.headers.get("cache-control")).toBe("no-store");
  });

  it("serves nothing else: no Slack routes in Socket Mode", async () => {
    const base = await start(() => true);
    expect((await fetch(`${base}/slack/commands`, { method: "POST", body: "x" })).status).toBe(404);
    const post = await fetch(`${base}/healthz`, { method: "POST", body: "x" });
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET, HEAD"]);
    const head = await fetch(`${base}/healthz`, { method: "HEAD" });
    expect([head.status, await head.text()]).toEqual([200, ""]);
  });
});
