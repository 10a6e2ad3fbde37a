// @ts-check
// `npm run mutate [-- name…] [--concurrency N]`: mutation-tests each named module (all of
// mutation/modules.mjs by default) in its own Stryker run, then records the scores in
// mutation/results.json and rewrites docs/TEST_STRENGTH.md from it. Stryker needs Node ≥ 22, so
// the npm script runs this under Node 24 (scripts/useNode.mjs).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { MODULES } from "./modules.mjs";
import { readResults, summarize, writeDocument, writeResults } from "./report.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
// The package exports neither its bin nor its package.json, so both are found by path.
const strykerHome = `${root}node_modules/@stryker-mutator/core/`;
const strykerBin = `${strykerHome}bin/stryker.js`;
const strykerVersion = JSON.parse(readFileSync(`${strykerHome}package.json`, "utf8")).version;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { concurrency: { type: "string", default: "1" } },
});
const unknown = positionals.filter((name) => !MODULES.some((module) => module.name === name));
if (unknown.length > 0) {
  console.error(`unknown module ${unknown.join(", ")}; one of: ${MODULES.map((m) => m.name).join(", ")}`);
  process.exit(2);
}
const chosen = positionals.length > 0 ? MODULES.filter((m) => positionals.includes(m.name)) : MODULES;

let failed = false;
for (const module of chosen) {
  console.log(`\n== ${module.name}: ${module.file}`);
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    [strykerBin, "run", "--mutate", module.file, "--concurrency", values.concurrency ?? "1"],
    { cwd: root, stdio: "inherit", env: { ...process.env, MUTATE_MODULE: module.name } },
  );
  if (run.status !== 0) {
    console.error(`Stryker failed on ${module.name} (exit ${run.status}); its previous result is kept`);
    failed = true;
    continue;
  }
  const report = JSON.parse(readFileSync(`${root}reports/mutation/${module.name}/mutation.json`, "utf8"));
  const result = summarize(module, report, {
    seconds: Math.round((Date.now() - started) / 1000),
    ranAt: new Date(started).toISOString(),
    stryker: strykerVersion,
    node: process.version,
  });
  // Read afresh: another run (of other modules) may have recorded its results meanwhile.
  const results = readResults();
  results.modules[module.name] = result;
  writeResults(results);
  writeDocument(results);
  console.log(
    `${module.name}: ${result.score}% (target ${module.target}%); report: reports/mutation/${module.name}/index.html`,
  );
}
console.log("wrote mutation/results.json and docs/TEST_STRENGTH.md");
process.exit(failed ? 1 : 0);
