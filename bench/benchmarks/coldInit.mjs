// @ts-check
// Benchmarks 2 and 7 (cold init) — a fresh node process imports a Lambda bundle and handles one
// event, timed from spawn to exit, minus a bare `node -e ''` spawned in the same round: what is
// left is what the bundle adds to a cold start. Rounds rotate the order of the four spawns so
// drift (CPU frequency, other load) spreads evenly; the figure is the median of the per-round
// differences. Our receiver hands off to a loopback Invoke API answering 202; the worker fetches
// the sample page from a loopback tracker and posts to a loopback response_url; Bolt acks.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startCatcher, startInvokeStub, startTracker, within } from "../harness/loopback.mjs";
import {
  apiGatewayV1Event,
  commandBody,
  functionUrlEvent,
  responseUrl,
  signedHeaders,
} from "../harness/slackEvents.mjs";
import { lambdaEnv } from "../harness/lambdaEnv.mjs";
import { figure, median } from "../harness/stats.mjs";

const CHILD = fileURLToPath(new URL("./coldChild.mjs", import.meta.url));

// The node binary every spawn uses, baseline included: this one, or another major's (coldInitNode24.mjs).
let nodePath = process.execPath;

/**
 * @typedef {{ ok: boolean; importMs?: number; handleMs?: number }} ChildReport what coldChild.mjs prints
 * @typedef {{ ms: number; code: number | null; report: ChildReport | undefined; stderr: string }} SpawnOutcome
 */

/**
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<SpawnOutcome>}
 */
function timedSpawn(args, env) {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const started = performance.now();
    const child = spawn(nodePath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      const ms = performance.now() - started;
      const line = stdout.split("\n").find((text) => text.startsWith("RESULT "));
      resolve({ ms, code, report: line ? JSON.parse(line.slice(7)) : undefined, stderr });
    });
  });
}

/** @param {import("../harness/isolate.mjs").BenchContext & { node?: string }} context */
export async function run({ quick, root, bundles, node = process.execPath }) {
  nodePath = node;
  const rounds = quick ? 10 : 40;
  const warmupRounds = 2;
  const tracker = await startTracker(readFileSync(join(root, "samples", "dc-food-truck-list.html"), "utf8"));
  const catcher = await startCatcher();
  const invoke = await startInvokeStub();
  // One environment for every spawn, baseline included, so none pays for a bigger one.
  const env = { PATH: process.env.PATH, ...lambdaEnv({ invokeUrl: invoke.url, trackerUrl: tracker.url }) };
  let sequence = 0;
  /** @type {any} the FulfilJob the receiver sent, reused for the worker (JSON) */
  let jobTemplate;

  /** @type {Record<string, () => Promise<SpawnOutcome>>} */
  const targets = {
    baseline: async () => ({ ...(await timedSpawn(["-e", ""], env)), report: { ok: true } }),
    receiver: async () => {
      const body = commandBody(0, responseUrl(catcher.url, sequence++));
      const jobsBefore = invoke.jobs.length;
      const outcome = await timedSpawn(
        [CHILD, "receiver", bundles.receiver, JSON.stringify(functionUrlEvent({ body, headers: signedHeaders(body) }))],
        env,
      );
      if (outcome.report?.ok && invoke.jobs.length !== jobsBefore + 1)
        throw new Error("the receiver answered but did not invoke the worker");
      jobTemplate ??= invoke.jobs.at(-1);
      return outcome;
    },
    worker: async () => {
      const path = new URL(responseUrl(catcher.url, sequence++)).pathname;
      const job = {
        ...jobTemplate,
        requestId: randomUUID(),
        receivedAtMs: Date.now(),
        asker: { ...jobTemplate.asker, responseUrl: catcher.url + path },
      };
      const delivered = catcher.expect(path);
      const outcome = await timedSpawn([CHILD, "worker", bundles.worker, JSON.stringify(job)], env);
      if (outcome.report?.ok) await within(delivered, 2_000, "the worker's message at the catcher");
      return outcome;
    },
    bolt: async () => {
      const body = commandBody(0, responseUrl("https://hooks.slack.com", sequence++));
      return timedSpawn(
        [CHILD, "bolt", bundles.bolt, JSON.stringify(apiGatewayV1Event(body, signedHeaders(body)))],
        env,
      );
    },
  };
  // The worker's job is a copy of one the receiver sent, so the receiver runs first in round 0.
  const names = ["receiver", "baseline", "worker", "bolt"];
  /** @type {Record<string, { wall: number[]; importMs: number[]; handleMs: number[] }>} */
  const samples = Object.fromEntries(names.map((name) => [name, { wall: [], importMs: [], handleMs: [] }]));
  /** @type {Record<string, number[]>} */
  const differences = { receiver: [], worker: [], bolt: [] };
  const samplesOf = (/** @type {string} */ name) => /** @type {(typeof samples)[string]} */ (samples[name]);

  try {
    for (let round = 0; round < warmupRounds + rounds; round++) {
      const order = names.map((_, i) => /** @type {string} */ (names[(i + round) % names.length]));
      /** @type {Record<string, number>} */
      const wall = {};
      for (const name of order) {
        const outcome = await /** @type {() => Promise<SpawnOutcome>} */ (targets[name])();
        if (!outcome.report?.ok || outcome.code !== 0)
          throw new Error(
            `${name} cold start failed (exit ${outcome.code}): ${JSON.stringify(outcome.report)} ${outcome.stderr.slice(0, 2000)}`,
          );
        wall[name] = outcome.ms;
        if (round >= warmupRounds) {
          samplesOf(name).wall.push(outcome.ms);
          if (name !== "baseline") {
            samplesOf(name).importMs.push(outcome.report.importMs ?? NaN);
            samplesOf(name).handleMs.push(outcome.report.handleMs ?? NaN);
          }
        }
      }
      if (round >= warmupRounds)
        for (const [name, list] of Object.entries(differences)) list.push((wall[name] ?? NaN) - (wall.baseline ?? NaN));
    }
  } finally {
    await Promise.all([tracker.close(), catcher.close(), invoke.close()]);
  }

  const summary = (/** @type {string} */ name) => ({
    coldInit: figure(
      median(differences[name] ?? []),
      "ms",
      rounds,
      "spawn to exit, minus node -e '' (median of per-round differences)",
    ),
    wall: figure(median(samplesOf(name).wall), "ms", rounds),
    import: figure(median(samplesOf(name).importMs), "ms", rounds),
    firstEvent: figure(median(samplesOf(name).handleMs), "ms", rounds),
  });
  return {
    baseline: figure(median(samplesOf("baseline").wall), "ms", rounds, "node -e '' spawn to exit"),
    receiver: summary("receiver"),
    worker: summary("worker"),
    bolt: summary("bolt"),
  };
}
