// @ts-check
// Benchmark 2 again on Node 24, the runtime Lambda deploys on (nodejs24.x): the same children as
// coldInit.mjs, spawned with Node 24 from npm's node package (installed once into .cache/ by
// scripts/useNode.mjs). Node 24 loads builtins lazily, so its bare start is faster and a bundle's
// import pays for the builtins it pulls in: both majors side by side show where the time goes.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { run as coldInit } from "./coldInit.mjs";

/** @param {import("../harness/isolate.mjs").BenchContext} context */
export async function run(context) {
  const useNode = join(context.root, "scripts", "useNode.mjs");
  // Installs Node 24 on first use; prints the path of the binary it runs.
  const node = execFileSync(process.execPath, [useNode, "24", "--", "node", "-p", "process.execPath"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  return { node: version, ...(await coldInit({ ...context, node })) };
}
