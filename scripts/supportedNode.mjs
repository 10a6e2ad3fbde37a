#!/usr/bin/env node
// @ts-check
// Runs a command under a Node.js slacktrux supports (package.json's engines): this one when it is
// new enough, otherwise Node 24 from npm's `node` package (nodeFromNpm.mjs), saying so in one
// line. The npm scripts that run code go through it, so `npm ci && npm run demo` and `npm test`
// work as the README says on a machine whose Node is older than the floor.
//   node scripts/supportedNode.mjs vitest run
import { readFileSync } from "node:fs";
import { nodeBinDir, runWithNodeFirst } from "./nodeFromNpm.mjs";

/** The Node fetched when this one is too old: the current LTS, which Lambda runs too. */
const FALLBACK_MAJOR = "24";

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error("usage: node scripts/supportedNode.mjs <command> [args…]");
  process.exit(2);
}
const engines = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).engines.node;
const floor = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(engines);
if (!floor) throw new Error(`package.json's engines.node must read ">=X.Y[.Z]", not ${engines}`);
const need = floor.slice(1).map((part) => Number(part ?? 0));
const have = process.versions.node.split(".").map(Number);
const newEnough =
  (need[0] ?? 0) !== have[0]
    ? (have[0] ?? 0) > (need[0] ?? 0)
    : (have[1] ?? 0) !== need[1]
      ? (have[1] ?? 0) > (need[1] ?? 0)
      : (have[2] ?? 0) >= (need[2] ?? 0);

let bin = process.execPath.replace(/\/[^/]*$/, "");
if (!newEnough) {
  console.error(
    `slacktrux: Node.js ${process.versions.node} is older than slacktrux needs (${engines}), so this runs under Node ${FALLBACK_MAJOR} from npm's node package (.cache/node-${FALLBACK_MAJOR}).`,
  );
  bin = nodeBinDir(FALLBACK_MAJOR);
}
process.exit(runWithNodeFirst(bin, command));
