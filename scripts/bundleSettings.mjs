// @ts-check
// The esbuild settings every shipped bundle uses; the benchmarks bundle with these too, so what
// is measured is what ships.
/** @satisfies {import("esbuild").BuildOptions} */
export const SHIPPED_SETTINGS = {
  bundle: true,
  platform: /** @type {const} */ ("node"),
  target: "node20",
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
