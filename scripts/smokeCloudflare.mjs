#!/usr/bin/env node
// @ts-check
// The Cloudflare done-when, for real: `npm run dev:cloudflare -- --port P --var …` (build, local D1
// migrations, `wrangler dev` in workerd) with a loopback tracker and a loopback Slack, then
//   - a signed `/foodtrucks farragut` is acknowledged and the trucks are posted through the queue;
//   - a bad signature is refused with 401;
//   - a bare `/foodtrucks` is acknowledged and answered (the menu of today's places).
// Offline: wrangler's telemetry is off and nothing but 127.0.0.1 is called. Run by .ci/run.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";

const SECRET = "smoke-signing-secret";
const fixture = readFileSync(new URL("../test/fixtures/foodtruckfiesta/dc-food-truck-list.html", import.meta.url));

/** @type {{ url: string; body: string }[]} */
const posts = [];
const tracker = await listen((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(fixture));
const slack = await listen((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    posts.push({ url: req.url ?? "", body });
    res.writeHead(200).end("ok");
  });
});
const port = await freePort();
const started = Date.now();
const dev = spawn(
  "npm",
  [
    "run",
    "dev:cloudflare",
    "--silent",
    "--",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--var",
    `SLACK_SIGNING_SECRET:${SECRET}`,
    "--var",
    `TRACKER_URL:${tracker.url}/dc-food-truck-list/`,
    "--var",
    "SLACK_RESPONSE_URL_HOSTS:127.0.0.1",
  ],
  { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
let output = "";
dev.stdout.on("data", (chunk) => (output += chunk));
dev.stderr.on("data", (chunk) => (output += chunk));
const base = `http://127.0.0.1:${port}`;

let failed = false;
try {
  await until(
    async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.status === 200,
    "wrangler dev",
    90_000,
  );
  const readyMs = Date.now() - started;

  const asked = await command("farragut", `${slack.url}/commands/1`);
  check(asked.status === 200 && asked.text.includes("Looking"), "a signed command is acknowledged with Looking…");
  await until(() => posts.some((post) => post.url === "/commands/1"), "the trucks posted through the queue", 20_000);
  check(posts.find((post) => post.url === "/commands/1")?.body.includes("District Taco") === true, "the trucks posted");

  const forged = await command("farragut", `${slack.url}/commands/2`, "not-the-secret");
  check(forged.status === 401, "a bad signature is refused with 401");

  const bare = await command("", `${slack.url}/commands/3`);
  check(bare.status === 200, "a bare /foodtrucks is acknowledged");
  await until(() => posts.some((post) => post.url === "/commands/3"), "the bare command's menu", 20_000);
  check(posts.find((post) => post.url === "/commands/3")?.body.includes("pick_place") === true, "the menu posted");

  check(!posts.some((post) => post.url === "/commands/2"), "nothing posted for the forged command");
  console.log(`smoke:cloudflare ok (wrangler dev ready in ${readyMs} ms, all checks in ${Date.now() - started} ms)`);
} catch (error) {
  failed = true;
  console.error(
    `smoke:cloudflare FAILED: ${/** @type {Error} */ (error).message}\n--- npm run dev:cloudflare said:\n${output}`,
  );
} finally {
  // The whole group: npm, node, wrangler and workerd.
  if (dev.pid !== undefined) process.kill(-dev.pid, "SIGTERM");
  tracker.server.close();
  slack.server.close();
}
process.exit(failed ? 1 : 0);

/** @param {boolean} ok @param {string} what */
function check(ok, what) {
  if (!ok) throw new Error(`expected: ${what}`);
  console.log(`  ✓ ${what}`);
}

/** @param {string} text @param {string} responseUrl */
async function command(text, responseUrl, secret = SECRET) {
  const body = new URLSearchParams({
    team_id: "T0SMOKE",
    user_id: "U0SMOKE",
    command: "/foodtrucks",
    text,
    response_url: responseUrl,
    trigger_id: "1.2.3",
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  const response = await fetch(`${base}/slack/commands`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** @param {() => boolean | Promise<boolean>} predicate @param {string} what @param {number} timeoutMs */
async function until(predicate, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (dev.exitCode !== null) throw new Error(`npm run dev:cloudflare exited (${dev.exitCode}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** @param {http.RequestListener} handler */
async function listen(handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return { server, url: `http://127.0.0.1:${address.port}` };
}

async function freePort() {
  const { server } = await listen(() => {});
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  return address.port;
}
