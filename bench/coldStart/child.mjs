// @ts-check
// One cold start, in this fresh process: `child.mjs receiver <bundle> import|request` or
// `child.mjs worker <bundle>`. Prints one JSON line of timings (ms) and memory (MB).
import { createHmac } from "node:crypto";

const [kind, bundle = "", mode] = process.argv.slice(2);
const SIGNING_SECRET = "measure-signing-secret-0123456789";
const port = new URL(process.env.AWS_ENDPOINT_URL ?? "").port;
const quiet = () => {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = () => true; // the handlers' JSON log lines
  return () => (process.stdout.write = write);
};
const cpuMs = (/** @type {NodeJS.CpuUsage} */ since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

let n = 0;
function slashCommandEvent() {
  const timestamp = Math.floor(Date.now() / 1000);
  const body = new URLSearchParams({
    command: "/foodtrucks",
    text: "farragut",
    response_url: `http://127.0.0.1:${port}/commands/T0/${++n}/x`,
    user_id: "U0",
    team_id: "T0",
  }).toString();
  const signature = "v0=" + createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
  return {
    version: "2.0",
    rawPath: "/slack/commands",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature,
    },
    requestContext: { http: { method: "POST" } },
    body: Buffer.from(body).toString("base64"),
    isBase64Encoded: true,
  };
}
function fulfilJob() {
  const asker = {
    command: "/foodtrucks",
    responseUrl: `http://127.0.0.1:${port}/commands/T0/${++n}/x`,
    userId: "U0",
    teamId: "T0",
  };
  return { requestId: `r${n}`, receivedAtMs: Date.now(), asker, request: { kind: "places", query: "farragut" } };
}

const restore = quiet();
const cpu0 = process.cpuUsage();
const started = performance.now();
const { handler } = await import(bundle);
const imported = performance.now();
/** @type {Record<string, number>} timings (ms) and memory (MB) */
const result = { importMs: imported - started };

if (kind === "receiver" && mode === "request") {
  const answer = await handler(slashCommandEvent());
  if (answer.statusCode !== 200) throw new Error(`receiver answered ${answer.statusCode}`);
  result.firstAnswerMs = performance.now() - started;
  result.cpuToAnswerMs = cpuMs(cpu0);
  const answered = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, 300));
  result.cpuAfterAnswerMs = cpuMs(answered);
} else if (kind === "worker") {
  if ((await handler(fulfilJob())) !== "posted") throw new Error("the worker did not post");
  result.firstJobMs = performance.now() - started;
  result.cpuToFirstJobMs = cpuMs(cpu0);
  const warm = performance.now();
  await handler(fulfilJob());
  result.warmJobMs = performance.now() - warm;
}
result.rssMb = process.memoryUsage.rss() / 2 ** 20;
restore();
console.log(JSON.stringify(result));
process.exit(0);
