#!/usr/bin/env node
// @ts-check
// How the local server (dist/cli.mjs serve) answers signed commands while idle sockets hold its
// connections: IDLE sockets connect and say nothing (MAX_CONNECTIONS=CAP), then COMMANDS signed
// commands go one at a time; prints how many were answered and how long each took.
//   npm run build && node bench/measurements/idleSockets.mjs [idle=300] [cap=200] [commands=20]
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { fileURLToPath } from "node:url";

const [idle = 300, cap = 200, commands = 20] = process.argv.slice(2).map(Number);
const secret = "bench-signing-secret-0123456789abcdef";
const cli = fileURLToPath(new URL("../../dist/cli.mjs", import.meta.url));
const server = spawn(process.execPath, [cli, "serve"], {
  env: {
    PATH: process.env.PATH ?? "",
    SLACK_SIGNING_SECRET: secret,
    PORT: "0",
    MAX_CONNECTIONS: String(cap),
    TRACKER_URL: fileURLToPath(new URL("../../samples/dc-food-truck-list.html", import.meta.url)),
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
  },
  stdio: ["ignore", "ignore", "pipe"],
});
const port = await new Promise((resolve, reject) => {
  let seen = "";
  server.stderr.on("data", (chunk) => {
    seen += chunk;
    const match = /listening on http:\/\/[\d.]+:(\d+)/.exec(seen);
    if (match) resolve(Number(match[1]));
  });
  server.once("exit", () => reject(new Error(`serve exited: ${seen}`)));
});

const sockets = [];
for (let i = 0; i < idle; i++) {
  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", () => {});
  await new Promise((resolve) => socket.once("connect", resolve).once("error", resolve));
  sockets.push(socket);
}

/** @returns {Promise<number | undefined>} ms to the acknowledgement, or undefined if refused */
function command() {
  const body = new URLSearchParams({
    command: "/foodtrucks",
    text: "help",
    user_id: "U1",
    team_id: "T1",
    response_url: "http://127.0.0.1:9/never",
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/slack/commands",
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": signature,
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode === 200 ? performance.now() - started : undefined));
      },
    );
    request.on("error", () => resolve(undefined));
    request.end(body);
  });
}

const times = [];
const started = performance.now();
for (let i = 0; i < commands; i++) times.push(await command());
const answered = /** @type {number[]} */ (times.filter((t) => t !== undefined)).sort((a, b) => a - b);
const pct = (/** @type {number} */ p) =>
  answered.length ? answered[Math.min(answered.length - 1, Math.floor(p * answered.length))] : NaN;
console.log(
  JSON.stringify({
    node: process.version,
    idleSockets: idle,
    maxConnections: cap,
    commands,
    answered: answered.length,
    medianMs: Math.round((pct(0.5) ?? NaN) * 10) / 10,
    maxMs: Math.round((answered.at(-1) ?? NaN) * 10) / 10,
    totalMs: Math.round(performance.now() - started),
  }),
);
for (const socket of sockets) socket.destroy();
server.kill("SIGTERM");
