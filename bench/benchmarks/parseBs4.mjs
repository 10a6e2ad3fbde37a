// @ts-check
// Benchmark 4, the comparison — the original's parser (BeautifulSoup, with html.parser and with
// lxml) doing the equivalent extraction on the same generated page, timed by bench/benchmarks/bs4_extract.py.
// Only where a Python with bs4 exists: Debian's /usr/bin/python3 first, then python3 on PATH.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateLargePage } from "./generatePage.mjs";
import { figure, median } from "../harness/stats.mjs";

const PYTHONS = ["/usr/bin/python3", "python3"];

/** @param {string} module */
function findPython(module) {
  return PYTHONS.find((python) => spawnSync(python, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0);
}

/** @param {import("../harness/isolate.mjs").BenchContext} context */
export async function run({ quick, root, tmpDir }) {
  const python = findPython("bs4");
  if (!python) return { skipped: "not measured (bs4 missing)" };
  const large = generateLargePage();
  const page = join(tmpDir, "large-page.html");
  writeFileSync(page, large.html);
  const megabytes = Buffer.byteLength(large.html) / 1e6;

  /** @type {Record<string, unknown>} */
  const results = { python };
  for (const [key, parser] of /** @type {const} */ ([
    ["htmlParser", "html.parser"],
    ["lxml", "lxml"],
  ])) {
    if (parser === "lxml" && spawnSync(python, ["-c", "import lxml"], { stdio: "ignore" }).status !== 0) {
      results[key] = { skipped: "not measured (lxml missing)" };
      continue;
    }
    const iterations = quick ? 2 : 10;
    const script = join(root, "bench", "benchmarks", "bs4_extract.py");
    const child = spawnSync(python, [script, page, parser, String(iterations)], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`bs4 (${parser}) failed: ${child.stderr}`);
    const out = JSON.parse(child.stdout);
    // Its walk also picks up the "live map" link after the last place, which ours rightly skips.
    if (out.places !== large.places || out.trucks < large.trucks)
      throw new Error(`bs4 (${parser}) found ${out.places} places / ${out.trucks} trucks`);
    const seconds = median(out.seconds);
    results[key] = {
      parseTime: figure(seconds * 1000, "ms", iterations, `BeautifulSoup ${parser}, Python ${out.python}`),
      throughput: figure(megabytes / seconds, "MB/s", iterations),
    };
  }
  return results;
}
