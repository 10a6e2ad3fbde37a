// @ts-check
// `npm run load`: signed /foodtrucks commands against the real local server (dist/cli.mjs serve)
// on loopback, with a local response_url catcher. Prints count, errors, acknowledgement latency
// p50/p99, deliveries, and the server's resident memory before and after.
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "20" },
  },
});
const secret = "load-test-secret";
const cli = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));
const samplePage = fileURLToPath(new URL("../samples/dc-food-truck-list.html", import.meta.url));

let deliveries = 0;
const catcher = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    deliveries++;
    res.end("ok");
  });
});
await new Promise((resolve) => catcher.listen(0, "127.0.0.1", () => resolve(undefined)));
const catcherUrl = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (catcher.address()).port}`;

const server = spawn(process.execPath, [cli, "serve"], {
  env: {
    PATH: process.env.PATH,
    SLACK_SIGNING_SECRET: secret,
    PORT: "0",
    TRACKER_URL: samplePage,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
  },
  stdio: ["ignore", "ignore", "pipe"],
});
const serverUrl = await new Promise((resolve, reject) => {
  let seen = "";
  server.stderr.on("data", (chunk) => {
    seen += chunk;
    const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(seen);
    if (match) resolve(match[1]);
  });
  server.once("exit", () => reject(new Error(`server exited: ${seen}`)));
});

const rssMb = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
};
await new Promise((resolve) => setTimeout(resolve, 300));
const rssBefore = rssMb();

let sequence = 0;
let result, rssAfter;
try {
  result = await autocannon({
    url: `${serverUrl}/slack/commands`,
    connections: Number(values.connections),
    duration: Number(values.duration),
    requests: [
      {
        method: "POST",
        setupRequest(request) {
          sequence++;
          const body = new URLSearchParams({
            team_id: "T0LOAD",
            user_id: "U0LOAD",
            channel_id: "C0LOAD",
            command: "/foodtrucks",
            text: sequence % 3 === 0 ? "franklin" : "farragut",
            response_url: `${catcherUrl}/commands/${sequence}`,
          }).toString();
          const timestamp = Math.floor(Date.now() / 1000);
          const signature = "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
          return {
            ...request,
            body,
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              "x-slack-request-timestamp": String(timestamp),
              "x-slack-signature": signature,
            },
          };
        },
      },
    ],
  });

  // Let phase 2 finish what was acknowledged.
  const until = Date.now() + 10_000;
  while (deliveries < result.requests.total && Date.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 50));
  rssAfter = rssMb();
} finally {
  // Whatever happened, leave no server running.
  server.kill("SIGTERM");
  catcher.close();
}

const errors = result.errors + result.timeouts + result.non2xx;
const report = {
  commands: result.requests.total,
  errors,
  "ack p50 (ms)": result.latency.p50,
  "ack p99 (ms)": result.latency.p99,
  "commands/s": Math.round(result.requests.average),
  deliveries,
  "rss before (MB)": Math.round(rssBefore * 10) / 10,
  "rss after (MB)": Math.round(rssAfter * 10) / 10,
};
console.table(report);
// autocannon counts only answered requests; commands still in flight when it stopped are delivered too.
process.exitCode = errors === 0 && deliveries >= result.requests.total ? 0 : 1;
