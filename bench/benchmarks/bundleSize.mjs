// @ts-check
// Benchmark 3 (and 7's size) — the size of each bundle as a cold start loads it, raw and gzipped
// (zlib, level 9): raw is what Node parses at every cold start, gzip roughly what that part of the
// deployment package carries. A split bundle (the receiver) counts its entry and the chunks it
// imports at once, not those it loads on first use. KB here means 1,000 bytes.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { eagerFiles } from "../../scripts/eagerFiles.mjs";
import { figure } from "../harness/stats.mjs";

/** @param {import("../harness/isolate.mjs").BenchContext} context */
export async function run({ bundles }) {
  /** @type {Record<string, { raw: import("../harness/stats.mjs").Figure; gzip: import("../harness/stats.mjs").Figure }>} */
  const sizes = {};
  for (const name of /** @type {const} */ (["receiver", "worker", "bolt"])) {
    const bytes = Buffer.concat(eagerFiles(bundles[name]).map((file) => readFileSync(file)));
    sizes[name] = {
      raw: figure(bytes.length / 1000, "KB", 1),
      gzip: figure(gzipSync(bytes, { level: 9 }).length / 1000, "KB", 1),
    };
  }
  return sizes;
}
