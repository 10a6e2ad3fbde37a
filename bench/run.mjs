// @ts-check
// `npm run bench [-- --quick] [-- --out FILE]`: runs every benchmark against the built dist/
// (npm run bench builds first), each in its own node process, then prints one table and writes
// results.json — every figure with its unit and sample count, the targets met or missed, the
// machine it ran on. --quick is CI's smoke run: fewer samples, and it writes its results to a
// temp file rather than over bench/results.json, which holds the last full run.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { RECEIVER_CHUNKS } from "../scripts/bundleSettings.mjs";
import { bundleBolt, bundleSources } from "./harness/bundle.mjs";
import { estimateCost } from "./benchmarks/cost.mjs";
import { runIsolated } from "./harness/isolate.mjs";
import { describeMachine, busyMeter, loadAverage } from "./harness/machine.mjs";
import { DOCUMENT_PATH, formatMachine, formatText, writeDocument } from "./report.mjs";
import { figure } from "./harness/stats.mjs";
import { evaluateTargets } from "./harness/targets.mjs";

const { values: options } = parseArgs({
  options: { quick: { type: "boolean", default: false }, out: { type: "string" } },
});
const root = fileURLToPath(new URL("..", import.meta.url));
const benchDir = join(root, "bench");
const started = performance.now();

// Run order: the ones that spawn processes or servers first, the in-process microbenchmarks after.
const BENCHMARKS = [
  "bundleSize",
  "coldInit",
  "coldInitNode24",
  "endToEnd",
  "memory",
  "lambdaDurations",
  "phase1",
  "boltAck",
  "parse",
  "parseBs4",
  "workers",
  "tickAtScale",
];

/**
 * A copy of a built file (and of the folder of chunks it loads, if any): every benchmark then
 * measures the same build, even if dist/ is rebuilt meanwhile.
 * @param {string} tmpDir
 * @param {string[]} path under dist/
 */
function snapshot(tmpDir, ...path) {
  const built = join(root, "dist", ...path);
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first (npm run bench does)`);
  const copy = join(tmpDir, "dist", ...path);
  mkdirSync(dirname(copy), { recursive: true });
  copyFileSync(built, copy);
  if (path.at(-1) === "receiver.mjs")
    cpSync(join(dirname(built), RECEIVER_CHUNKS), join(dirname(copy), RECEIVER_CHUNKS), { recursive: true });
  return copy;
}

async function main() {
  /** @type {any} results.json as it is built up (JSON, read by path) */
  const results = {
    quick: options.quick,
    startedAt: new Date().toISOString(),
    machine: { ...describeMachine(), loadAverageAtStart: loadAverage() },
  };
  // How busy all cores were during each benchmark: each keeps about one busy itself, so much more
  // than 100 / cores % means other work shared the machine.
  /** @type {Record<string, number | undefined>} */
  const busy = {};
  const tmpDir = mkdtempSync(join(os.tmpdir(), "slacktrux-bench-"));
  try {
    const bundles = {
      cli: snapshot(tmpDir, "cli.mjs"),
      receiver: snapshot(tmpDir, "lambda", "receiver.mjs"),
      worker: snapshot(tmpDir, "lambda", "worker.mjs"),
      sources: await bundleSources(root, tmpDir),
      bolt: await bundleBolt(root, tmpDir),
    };
    const context = { quick: options.quick, root, tmpDir, bundles };
    for (const name of BENCHMARKS) {
      const began = performance.now();
      const meter = busyMeter();
      process.stderr.write(`bench: ${name}… `);
      results[name] = await runIsolated(join(benchDir, "benchmarks", `${name}.mjs`), context);
      busy[name] = meter.stop();
      process.stderr.write(
        `${((performance.now() - began) / 1000).toFixed(1)} s, machine ${busy[name] ?? "?"}% busy\n`,
      );
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }

  addComparisons(results);
  results.targets = evaluateTargets(results);
  results.machine.loadAverageAtEnd = loadAverage();
  results.machine.busyPercentDuring = busy;
  results.durationSeconds = Math.round((performance.now() - started) / 100) / 10;

  console.log(formatText(results));
  const missed = results.targets.filter((/** @type {{ status: string }} */ target) => target.status !== "met");
  console.log(
    `\n${results.targets.length - missed.length}/${results.targets.length} targets met` +
      (missed.length
        ? `; missed: ${missed.map((/** @type {any} */ t) => `${t.label} (${t.margin ?? t.status})`).join("; ")}`
        : ""),
  );
  console.log(`machine: ${formatMachine(results)}`);

  const out =
    options.out ?? (options.quick ? join(os.tmpdir(), "slacktrux-bench-quick.json") : join(benchDir, "results.json"));
  // Written whole or not at all: a half-written results.json would be worse than the old one.
  writeFileSync(`${out}.tmp`, JSON.stringify(results, null, 2) + "\n");
  renameSync(`${out}.tmp`, out);
  console.log(`results: ${out} (${results.durationSeconds} s${options.quick ? ", quick" : ""})`);
  // A full run into bench/results.json is the one docs/PERFORMANCE.md reports.
  if (out === join(benchDir, "results.json")) {
    writeDocument(results);
    console.log(`report: ${DOCUMENT_PATH}`);
  }
}

/** Ratios between benchmarks of the same run: ours against Bolt, ours against BeautifulSoup, and the cost model. */
/** @param {any} results */
function addComparisons(results) {
  const { bundleSize, coldInit, phase1, boltAck, parse, parseBs4, lambdaDurations } = results;
  results.sideBySide = {
    sizeRatio: figure(
      bundleSize.bolt.raw.value / bundleSize.receiver.raw.value,
      "×",
      1,
      "raw bytes, Bolt / our receiver",
    ),
    coldInitRatio: figure(
      coldInit.bolt.coldInit.value / coldInit.receiver.coldInit.value,
      "×",
      coldInit.receiver.coldInit.samples,
      "medians, Bolt / our receiver",
    ),
    ackRatio: figure(boltAck.p50.value / phase1.p50.value, "×", phase1.p50.samples, "p50, Bolt / our phase 1"),
  };
  parse.vsBs4 = {};
  for (const key of ["htmlParser", "lxml"]) {
    const theirs = parseBs4[key]?.throughput;
    parse.vsBs4[key] = theirs
      ? figure(parse.largePage.throughput.value / theirs.value, "×", theirs.samples, "MB/s, ours / BeautifulSoup")
      : { skipped: parseBs4.skipped ?? parseBs4[key]?.skipped ?? "not measured" };
  }
  const model = estimateCost(
    {
      nodeStartMs: coldInit.baseline.value,
      receiverColdMs: coldInit.receiver.coldInit.value,
      workerColdMs: coldInit.worker.coldInit.value,
      receiverWarmMs: lambdaDurations.receiver.p50.value,
      workerWarmMs: lambdaDurations.worker.p50.value,
    },
    root,
  );
  const cost = { ...model, summary: {} };
  cost.summary = {
    withoutFreeTier: figure(cost.everyCommandCold.withoutFreeTier.total, "$/month", 1, "every command cold"),
    withFreeTier: figure(cost.everyCommandCold.withFreeTier.total, "$/month", 1, "every command cold"),
    alwaysOnServer: figure(cost.alwaysOnServer, "$/month", 1),
  };
  results.cost = cost;
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
