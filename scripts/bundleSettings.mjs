// @ts-check
// The esbuild settings every shipped bundle uses; the benchmarks bundle with these too, so what
// is measured is what ships.
/** @satisfies {import("esbuild").BuildOptions} */
export const SHIPPED_SETTINGS = {
  bundle: true,
  platform: /** @type {const} */ ("node"),
  // The project's minimum for every bundle, Lambda's included: the CLI must run on Node 22.13, and
  // npm test runs the Lambda bundles under Node 22 as well as .ci/run under Node 24 (nodejs24.x).
  // Our code uses nothing node24 would spare a transform for: the output is the same bytes.
  target: "node22",
  format: /** @type {const} */ ("esm"),
  minify: true,
  sourcemap: false,
  legalComments: /** @type {const} */ ("none"),
  logLevel: /** @type {const} */ ("warning"),
  // Lets bundled CommonJS dependencies call require() inside an ES module.
  banner: {
    js: "import { createRequire as __slacktruxCreateRequire } from 'node:module'; const require = __slacktruxCreateRequire(import.meta.url);",
  },
};

/** The folder, beside dist/lambda/receiver.mjs, of the chunks the receiver loads on first use (infra deploys it with it). */
export const RECEIVER_CHUNKS = "receiver-chunks";

/** The Cloudflare Worker's bundle: for workerd rather than Node, with no require() banner. */
/** @type {import("esbuild").BuildOptions} */
export const WORKERS_SETTINGS = {
  bundle: true,
  platform: "browser",
  conditions: ["workerd", "worker", "browser"],
  external: ["node:*", "cloudflare:*"],
  target: "es2022",
  format: "esm",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
};
