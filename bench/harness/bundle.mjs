// @ts-check
// Bundles, at bench time, the code the benchmarks import from plain JavaScript: phase 1 and the
// page parser straight from src/ (dist/ has no bundle that exports them), and the Bolt app we
// compare against. The shipped esbuild settings (scripts/bundleSettings.mjs), so what is measured is what
// ships.
import { build } from "esbuild";
import { join } from "node:path";
import { SHIPPED_SETTINGS } from "../../scripts/bundleSettings.mjs";

/** The in-process entry points: acknowledge() (phase 1), the logger, and the tracker page parser. */
/**
 * @param {string} root the repository
 * @param {string} outDir
 * @returns {Promise<string>} the bundle's path
 */
export async function bundleSources(root, outDir) {
  const outfile = join(outDir, "sources.mjs");
  await build({
    ...SHIPPED_SETTINGS,
    stdin: {
      contents: [
        'export { acknowledge } from "./src/phase1/acknowledge.ts";',
        'export { createLogger } from "./src/observe/log.ts";',
        'export { parseFoodTruckFiesta } from "./src/trucks/parsers/foodTruckFiesta.ts";',
        'export { createTicker } from "./src/phase2/createTicker.ts";',
        'export { readFulfilConfig } from "./src/config/fulfilConfig.ts";',
        'export { readSubscriptionConfig } from "./src/config/subscriptionConfig.ts";',
        'export { createMemoryClaimStore } from "./src/claims/claimStore.ts";',
        'export { createMemoryRefusedRunStore } from "./src/subscriptions/refusedRunStore.ts";',
        'export { trackerFromConfig } from "./src/phase2/trackerFromConfig.ts";',
      ].join("\n"),
      resolveDir: root,
      sourcefile: "bench-sources.ts",
      loader: "ts",
    },
    outfile,
  });
  return outfile;
}

/** bench/benchmarks/bolt/app.mjs as one file, as it would be deployed. */
/**
 * @param {string} root the repository
 * @param {string} outDir
 * @returns {Promise<string>} the bundle's path
 */
export async function bundleBolt(root, outDir) {
  const outfile = join(outDir, "bolt", "app.mjs");
  await build({ ...SHIPPED_SETTINGS, entryPoints: [join(root, "bench", "benchmarks", "bolt", "app.mjs")], outfile });
  return outfile;
}
