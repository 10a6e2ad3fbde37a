// @ts-check
// Benchmark 4 — parse throughput of parseFoodTruckFiesta (htmlparser2, one streaming pass) on
// the DC test page and on a generated 1 MB+ page, in MB/s (10^6 bytes of UTF-8 per second),
// as the median over many timed runs after a warm-up, so the JIT has settled.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generateLargePage } from "./generatePage.mjs";
import { figure, median } from "../harness/stats.mjs";

const SAMPLE_PAGE = ["test", "fixtures", "foodtruckfiesta", "dc-food-truck-list.html"];

/** @param {import("../harness/isolate.mjs").BenchContext} context */
export async function run({ quick, root, bundles }) {
  const { parseFoodTruckFiesta } = await import(pathToFileURL(bundles.sources).href);
  const results = {};

  const samplePath = join(root, ...SAMPLE_PAGE);
  if (existsSync(samplePath)) {
    const html = readFileSync(samplePath, "utf8");
    // A 5 KB page parses in microseconds: time batches, so the clock's resolution does not matter.
    const { mbPerSecond, runs } = throughput(parseFoodTruckFiesta, html, {
      batch: 200,
      warmup: 20,
      timed: quick ? 30 : 100,
    });
    results.samplePage = {
      bytes: figure(Buffer.byteLength(html), "bytes", 1),
      throughput: figure(mbPerSecond, "MB/s", runs, "median of batches of 200 parses"),
    };
  } else {
    results.samplePage = { skipped: `${samplePath} not found` };
  }

  const large = generateLargePage();
  const listings = parseFoodTruckFiesta(large.html);
  const trucks = listings.reduce(
    (/** @type {number} */ sum, /** @type {{ trucks: unknown[] }} */ place) => sum + place.trucks.length,
    0,
  );
  if (listings.length !== large.places || trucks !== large.trucks) {
    throw new Error(
      `generated page: parsed ${listings.length} places / ${trucks} trucks, expected ${large.places} / ${large.trucks}`,
    );
  }
  const { mbPerSecond, runs, msPerParse, cpuShare } = throughput(parseFoodTruckFiesta, large.html, {
    batch: 1,
    warmup: 30,
    timed: quick ? 40 : 300,
  });
  results.largePage = {
    bytes: figure(
      Buffer.byteLength(large.html),
      "bytes",
      1,
      `${large.places} places × ${large.trucks / large.places} trucks`,
    ),
    parseTime: figure(msPerParse, "ms", runs),
    throughput: figure(mbPerSecond, "MB/s", runs),
    // The parser stops at the end of the list, so the sidebar and footer after it are never read;
    // this is the rate over the bytes it does read.
    throughputOfBytesRead: figure(
      mbPerSecond * large.listEndFraction,
      "MB/s",
      runs,
      `the list ends at ${Math.round(large.listEndFraction * 100)}% of the page`,
    ),
    cpuShare: figure(cpuShare, "CPU s per wall s", runs, "below 1: the core was shared while timing"),
  };
  return results;
}

/**
 * @param {(html: string) => unknown} parse
 * @param {string} html
 * @param {{ batch: number; warmup: number; timed: number }} rounds
 */
function throughput(parse, html, { batch, warmup, timed }) {
  const megabytes = Buffer.byteLength(html) / 1e6;
  for (let i = 0; i < warmup * batch; i++) parse(html);
  const rates = [];
  const perParse = [];
  const wallStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let run = 0; run < timed; run++) {
    const started = performance.now();
    for (let i = 0; i < batch; i++) parse(html);
    const ms = (performance.now() - started) / batch;
    perParse.push(ms);
    rates.push(megabytes / (ms / 1000));
  }
  // Under 1, other processes had the core part of the time (or GC threads ran beside it): the
  // figures then understate what this code does on a machine of its own.
  const cpu = process.cpuUsage(cpuStarted);
  const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wallStarted);
  return { mbPerSecond: median(rates), msPerParse: median(perParse), runs: timed, cpuShare };
}
