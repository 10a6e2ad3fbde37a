// The local server under slow clients: clients that send their request a byte at a time (or not
// at all) are cut off within seconds, the number of connections is capped, and a real signed
// command is still answered at once while hundreds of them dawdle, even with the cap reached.
import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/observe/log.js";
import type { Job } from "../../src/app/jobs.js";
import type { FulfilJob } from "../../src/phase2/job.js";
import type { ConnectionLimits, LocalServer } from "../../src/runtimes/local/server.js";
import { createTestServer, recordJobs } from "../helpers/localApp.js";
import { commandBody, signedHeaders } from "../helpers/slackRequest.js";

let local: LocalServer | undefined;
const dawdlers: Dawdler[] = [];
afterEach(async () => {
  for (const dawdler of dawdlers.splice(0)) dawdler.stop();
  await local?.close();
  local = undefined;
});

async function start(limits: Partial<ConnectionLimits> = {}) {
  const jobs: Job[] = [];
  local = createTestServer(
    {},
    { signingSecret: "test-signing-secret-0123456789abcdef", log: silentLogger, wrapRunJob: recordJobs(jobs), limits },
  );
  const { port } = await local.listen(0);
  return { port, jobs, server: local.server };
}

interface Dawdler {
  closed: Promise<void>;
  isClosed(): boolean;
  stop(): void;
}

/**
 * A client that opens a connection and then sends `prefix` followed by `trickle` a byte every
 * 100 ms, never finishing. "silent" sends nothing at all.
 */
function dawdle(port: number, style: "silent" | "headers" | "body"): Promise<Dawdler> {
  const prefix = {
    silent: "",
    headers: "POST /slack/commands HTTP/1.1\r\nHost: 127.0.0.1\r\n",
    body: "POST /slack/commands HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n",
  }[style];
  const trickle = style === "headers" ? "X-Slow: " + "a".repeat(10_000) : "a".repeat(10_000);
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let timer: NodeJS.Timeout | undefined;
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.resume(); // reads (and drops) whatever the server answers, so its closing is seen
    socket.on("error", () => {}); // a reset from the server is what the cut-off looks like
    socket.once("connect", () => {
      if (prefix) socket.write(prefix);
      let sent = 0;
      if (style !== "silent")
        timer = setInterval(() => {
          if (!socket.destroyed) socket.write(trickle[sent++ % trickle.length]!);
        }, 100);
      let isClosed = false;
      void closed.then(() => (isClosed = true));
      resolve({
        isClosed: () => isClosed,
        closed: closed.then(() => clearInterval(timer)),
        stop: () => {
          clearInterval(timer);
          socket.destroy();
        },
      });
    });
    socket.once("error", reject);
  });
}

async function crowd(port: number, count: number, style: "headers" | "silent" = "headers") {
  for (let i = 0; i < count; i++) dawdlers.push(await dawdle(port, style));
}

function sendCommand(port: number): Promise<{ status: number; body: string }> {
  const body = commandBody("farragut", "https://hooks.slack.com/commands/T0TEST/1/x");
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, path: "/slack/commands", method: "POST", headers: signedHeaders(body), agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function openConnections(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("the local server under slow clients", () => {
  it("answers a signed command while 300 clients send their headers a byte at a time", async () => {
    const { port, jobs, server } = await start();
    await crowd(port, 300);
    await until(async () => (await openConnections(server)) >= 300);

    const answer = await sendCommand(port);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).text).toMatch(/Looking up food trucks at farragut/);
    await local!.idle();
    expect(jobs.map((job) => (job as FulfilJob).request)).toEqual([{ kind: "places", query: "farragut" }]);
  });

  it("cuts off a client that has not sent its headers, or its body, in time (checked every second)", async () => {
    // Short limits stand in for the real 10 s / 15 s; the check interval is the shipped one.
    const { port, server } = await start({ headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 });
    const silent = await dawdle(port, "silent");
    const slowHeaders = await dawdle(port, "headers");
    const slowBody = await dawdle(port, "body");
    dawdlers.push(silent, slowHeaders, slowBody);

    await until(async () => (await openConnections(server)) === 0);
    await Promise.all([silent.closed, slowHeaders.closed, slowBody.closed]);
    // And the server still answers.
    expect((await sendCommand(port)).status).toBe(200);
  });

  it("at its cap, closes the oldest idle connection to answer a signed command at once", async () => {
    // The real header timeout (10 s): the command must not wait for it to cut the crowd.
    const { port, server } = await start({ maxConnections: 20 });
    await crowd(port, 10, "silent");
    await crowd(port, 10, "headers");
    await until(async () => (await openConnections(server)) >= 20);

    // Five at once: each one arriving at the cap makes room by closing the oldest waiting socket.
    const answers = await Promise.all([0, 1, 2, 3, 4].map(() => sendCommand(port)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await openConnections(server)).toBeLessThanOrEqual(20);
    // The oldest went first: silent ones, in the order they came; the later ones stay.
    await until(async () => dawdlers[0]!.isClosed());
    expect(dawdlers.slice(10).some((d) => d.isClosed())).toBe(false);
  });
});
