// @ts-check
// `npm run build && node bench/socketMode/measure.mjs [N]`: Socket Mode as `slacktrux serve` runs it
// (dist/cli.mjs), against the loopback Socket Mode stand-in (test/helpers, bundled here by esbuild):
// - start: process start to "connected" (apps.connections.open, WebSocket, hello), and RSS then;
// - ack: envelope sent to its ack received, for N slash commands one after another (phase 1 only:
//   "Looking…"; the tracker is a loopback page and phase 2 runs after each ack);
// - refresh: for each refresh_requested, whether the envelope sent right behind it was acked.
// Standalone (not in `npm run bench`): it needs a WebSocket stand-in the Lambda benches do not.
import { spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { median, percentile } from "../harness/stats.mjs";

const N = Number(process.argv[2] ?? 50);
const STARTS = 9;
const TOKEN = "xapp-1-A0BENCH-1-benchtoken";
const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "dist", "cli.mjs");

// Under node_modules/.cache so the bundle's own `import "ws"` resolves.
const standInFile = join(root, "node_modules", ".cache", "slacktrux-bench", "socketModeStandIn.mjs");
await build({
  entryPoints: [join(root, "test", "helpers", "socketModeStandIn.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  outfile: standInFile,
  logLevel: "warning",
});
const { SocketModeStandIn } = await import(standInFile);

const page = readFileSync(join(root, "test", "fixtures", "foodtruckfiesta", "dc-food-truck-list.html"));
const tracker = http.createServer((_req, res) => res.end(page));
const catcher = http.createServer((req, res) => req.resume().on("end", () => res.end("ok")));
await Promise.all([tracker, catcher].map((s) => new Promise((r) => s.listen(0, "127.0.0.1", () => r(undefined)))));
const base = (/** @type {http.Server} */ s) =>
  `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (s.address()).port}`;

/** @param {number | undefined} pid */
function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
}

/** @param {any} standIn the Socket Mode stand-in (test/helpers/socketModeStandIn.ts, bundled above) */
async function startServe(standIn) {
  const began = performance.now();
  const child = spawn(process.execPath, [cli, "serve"], {
    env: {
      PATH: process.env.PATH,
      SLACK_APP_TOKEN: TOKEN,
      SLACK_API_URL: standIn.apiUrl,
      PORT: "0",
      TRACKER_URL: base(tracker),
      SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  await /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
        if (stderr.includes("connected to Slack by Socket Mode")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    })
  );
  return { child, startMs: performance.now() - began, rss: rssKiB(child.pid) };
}

const stop = (/** @type {import("node:child_process").ChildProcess} */ child) =>
  new Promise((resolve) => child.once("exit", resolve).kill("SIGTERM"));

const payload = (/** @type {number} */ i) => ({
  team_id: "T0BENCH",
  user_id: "U0BENCH",
  command: "/foodtrucks",
  text: i % 2 ? "farragut" : "franklin",
  response_url: `${base(catcher)}/commands/T0BENCH/${i}/x`,
});

try {
  const starts = [];
  const rss = [];
  for (let i = 0; i < STARTS; i++) {
    const standIn = await SocketModeStandIn.start({ appToken: TOKEN });
    const { child, startMs, rss: kib } = await startServe(standIn);
    starts.push(startMs);
    rss.push(kib / 1024);
    await stop(child);
    await standIn.close();
  }

  const standIn = await SocketModeStandIn.start({ appToken: TOKEN });
  const { child } = await startServe(standIn);
  const connection = await standIn.connection(1);
  const acks = [];
  for (let i = 0; i < N; i++) {
    const began = performance.now();
    await standIn.ack(connection.sendEnvelope("slash_commands", payload(i)), 3_000);
    acks.push(performance.now() - began);
  }
  let kept = 0;
  const REFRESHES = 5;
  for (let r = 0; r < REFRESHES; r++) {
    const old = await standIn.connection(r + 1);
    old.disconnect("refresh_requested");
    const id = old.sendEnvelope("slash_commands", payload(N + r));
    const ack = await standIn.ack(id, 3_000).catch(() => undefined);
    if (ack) kept++;
    await standIn.connection(r + 2);
    await old.whenClosed;
  }
  await stop(child);
  await standIn.close();

  const cliBytes = readFileSync(cli);
  const fmt = (/** @type {number} */ v) => v.toFixed(1);
  console.log(`dist/cli.mjs: ${statSync(cli).size} bytes, ${gzipSync(cliBytes, { level: 9 }).length} gzip -9`);
  console.log(
    `start to connected (N=${STARTS}): median ${fmt(median(starts))} ms, min ${fmt(Math.min(...starts))}, max ${fmt(Math.max(...starts))}`,
  );
  console.log(`RSS when connected (N=${STARTS}): median ${fmt(median(rss))} MiB`);
  console.log(
    `ack of a slash command (N=${N}): p50 ${fmt(percentile(acks, 50))} ms, p95 ${fmt(percentile(acks, 95))} ms, max ${fmt(Math.max(...acks))} ms`,
  );
  console.log(`envelope right behind refresh_requested acked: ${kept}/${REFRESHES}`);
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}, load ${(os.loadavg()[0] ?? 0).toFixed(2)}`,
  );
} finally {
  tracker.close();
  catcher.close();
}
