#!/usr/bin/env node
// @ts-check
// Runs a command under another major version of Node.js, taken from npm's `node` package (see
// nodeFromNpm.mjs). Used where a particular Node is the point: the Lambda runtime (nodejs24.x)
// and CI's run on the oldest Node slacktrux supports.
//   node scripts/useNode.mjs 24 -- npx vitest run test/lambda
import { nodeBinDir, runWithNodeFirst } from "./nodeFromNpm.mjs";

const [major, separator, ...command] = process.argv.slice(2);
if (!/^\d+$/.test(major ?? "") || separator !== "--" || command.length === 0) {
  console.error("usage: node scripts/useNode.mjs <major> -- <command> [args…]");
  process.exit(2);
}
process.exit(runWithNodeFirst(nodeBinDir(/** @type {string} */ (major)), command));
