// @ts-check
// Bundles each entry point into self-contained ESM under dist/ (one file each, but for the Lambda
// receiver's chunks): the Lambda handlers must need nothing from node_modules at run time, and
// the CLI/local server run the very same bundled code.
import { build } from "esbuild";
import { chmod, mkdtemp, rename, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { RECEIVER_CHUNKS, SHIPPED_SETTINGS, WORKERS_SETTINGS } from "./bundleSettings.mjs";

const shared = SHIPPED_SETTINGS;

/**
 * In the Worker, httpRequest.js is its fetch twin (src/net/httpRequest.workers.ts): no node:http in workerd.
 * @type {import("esbuild").Plugin}
 */
const fetchInsteadOfNodeHttp = {
  name: "fetch-instead-of-node-http",
  setup(build) {
    build.onResolve({ filter: /\/httpRequest\.js$/ }, () => ({ path: resolve("src/net/httpRequest.workers.ts") }));
  },
};

// Build into a fresh folder and swap it in at the end, so a failed build leaves the last good dist/
// and a process running from dist/ (a server, a test, a benchmark) never sees it half-written.
const out = await mkdtemp("dist.building-");
try {
  await Promise.all([
    build({
      ...shared,
      entryPoints: { cli: "src/cli/main.ts" },
      outdir: out,
      outExtension: { ".js": ".mjs" },
      banner: { js: "#!/usr/bin/env node\n" + shared.banner.js },
      // Executable, so `./dist/cli.mjs …` and an `npm link`ed `slacktrux` run it directly.
    }).then(() => chmod(`${out}/cli.mjs`, 0o755)),
    // One entry file per function, each exporting `handler`: infra/ deploys each as its own asset.
    // Separate builds keep the receiver free of phase 2's code (fulfil, digests, the tick).
    // The receiver is split: what it imports at once is receiver.mjs; what it loads on first use
    // (the page parsers, for a modal's options and checks) is in receiver-chunks/, deployed with
    // it, so a command's cold start does not parse them (docs/ARCHITECTURE.md, "what loads when").
    build({
      ...shared,
      entryPoints: { receiver: "src/runtimes/lambda/receiver.ts" },
      outdir: `${out}/lambda`,
      outExtension: { ".js": ".mjs" },
      splitting: true,
      chunkNames: `${RECEIVER_CHUNKS}/[name]-[hash]`,
    }),
    // The worker reads a page on nearly every job: one file.
    build({
      ...shared,
      entryPoints: { worker: "src/runtimes/lambda/worker.ts" },
      outdir: `${out}/lambda`,
      outExtension: { ".js": ".mjs" },
    }),
    // The Cloudflare Worker: one ES module for workerd, uploaded as built (wrangler.jsonc: no_bundle).
    // Browser-style resolution, as workerd is not Node; node:* stays an import that the
    // nodejs_compat flag provides (node:crypto, node:buffer), so nothing is polyfilled.
    build({
      ...WORKERS_SETTINGS,
      entryPoints: { worker: "src/runtimes/workers/worker.ts" },
      outdir: `${out}/workers`,
      outExtension: { ".js": ".mjs" },
      plugins: [fetchInsteadOfNodeHttp],
    }),
    // The CDK app, for `npm run synth|deploy|destroy`. aws-cdk-lib stays a package import: it is
    // needed only on the machine that deploys, never inside a function.
    build({
      entryPoints: { app: "./infra/app.ts" },
      outdir: `${out}/infra`,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      packages: "external",
      platform: "node",
      target: "node22",
      format: "esm",
      logLevel: "warning",
    }),
  ]);
} catch (error) {
  await rm(out, { recursive: true, force: true });
  throw error;
}
const previous = `dist.previous-${process.pid}`;
await rename("dist", previous).catch((error) => {
  if (error.code !== "ENOENT") throw error;
});
await rename(out, "dist");
await rm(previous, { recursive: true, force: true });
