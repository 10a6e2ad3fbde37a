// @ts-check
// The real local runtime as a child process (`node dist/cli.mjs serve`), and a Slack stand-in
// that sends it signed /foodtrucks commands over a kept-alive connection, as Slack's own
// client would reuse one.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { BENCH_SECRET, commandBody, signedHeaders } from "./slackEvents.mjs";
import { within } from "./loopback.mjs";

/**
 * @param {string} cli the built dist/cli.mjs to run
 * @param {Record<string, string>} env more settings for the server
 */
export async function startLocalServer(cli, env) {
  const child = spawn(process.execPath, [cli, "serve"], {
    env: {
      PATH: process.env.PATH,
      SLACK_SIGNING_SECRET: BENCH_SECRET,
      PORT: "0",
      SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
      ...env,
    },
    // Its JSON log lines go nowhere: what they cost to write depends on where they go.
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const url = await within(
    /** @type {Promise<string>} */ (
      new Promise((resolve, reject) => {
        child.stderr.on("data", (chunk) => {
          stderr += chunk;
          const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(stderr);
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
      })
    ),
    10_000,
    "the local server to start",
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    url,
    pid: child.pid,
    /** Resident memory now, from /proc (Linux), in MB (2^20 bytes). */
    rssMb: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1]) / 1024,
    /** @param {number} index @param {string} responseUrl */
    send: (index, responseUrl) => post(url, agent, commandBody(index, responseUrl)),
    async stop() {
      agent.destroy();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await within(exited, 10_000, "the local server to stop");
    },
  };
}

/** POSTs one signed command; resolves with the status and the moment the answer was complete. */
/**
 * @param {string} serverUrl
 * @param {http.Agent} agent
 * @param {string} body
 * @returns {Promise<{ status: number | undefined; body: string; at: number }>}
 */
function post(serverUrl, agent, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(`${serverUrl}/slack/commands`, {
      method: "POST",
      agent,
      headers: { ...signedHeaders(body), "content-length": Buffer.byteLength(body) },
    });
    request.once("error", reject);
    request.once("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode, body: text, at: performance.now() }));
    });
    request.end(body);
  });
}
