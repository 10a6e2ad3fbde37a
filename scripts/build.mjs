// Bundles each entry point into one self-contained ESM file under dist/:
// the Lambda handlers must need nothing from node_modules at run time, and
// the CLI/local server run the very same bundled code.
import { build } from "esbuild";
import { rm } from "node:fs/promises";

const shared = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  // Lets bundled CommonJS dependencies call require() inside an ES module.
  banner: { js: "import { createRequire as __slacktruxCreateRequire } from 'node:module'; const require = __slacktruxCreateRequire(import.meta.url);" },
};

await rm("dist", { recursive: true, force: true });
await Promise.all([
  build({
    ...shared,
    entryPoints: { cli: "src/cli/main.ts" },
    outdir: "dist",
    outExtension: { ".js": ".mjs" },
    banner: { js: "#!/usr/bin/env node\n" + shared.banner.js },
  }),
  // One file per function, each exporting `handler`: infra/ deploys each file as its own asset.
  // Separate entry points keep the receiver free of phase 2's code (parser, tracker, delivery).
  build({
    ...shared,
    entryPoints: { receiver: "src/runtimes/lambda/receiver.ts", worker: "src/runtimes/lambda/worker.ts" },
    outdir: "dist/lambda",
    outExtension: { ".js": ".mjs" },
  }),
  // The CDK app, for `npm run synth|deploy|destroy`. aws-cdk-lib stays a package import: it is
  // needed only on the machine that deploys, never inside a function.
  build({
    entryPoints: { app: "./infra/app.ts" },
    outdir: "dist/infra",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    packages: "external",
    platform: "node",
    target: "node20",
    format: "esm",
    logLevel: "warning",
  }),
]);
