#!/usr/bin/env node
// @ts-check
// Runs a command under another major version of Node.js, taken from npm's `node` package (which
// ships the official binary), installed once into .cache/node-<major>/. Used where the project's
// own minimum is not the right Node: the Lambda runtime (nodejs24.x) and wrangler (Node ≥ 22).
//   node scripts/useNode.mjs 24 -- npx vitest run test/lambda
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [major, separator, ...command] = process.argv.slice(2);
if (!/^\d+$/.test(major ?? "") || separator !== "--" || command.length === 0) {
  console.error("usage: node scripts/useNode.mjs <major> -- <command> [args…]");
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const prefix = join(root, ".cache", `node-${major}`);
const bin = join(prefix, "node_modules", "node", "bin");
if (!existsSync(join(bin, "node"))) {
  mkdirSync(prefix, { recursive: true });
  console.error(`installing node@${major} from npm into ${prefix}…`);
  execFileSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", `node@${major}`], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}
const result = spawnSync(/** @type {string} checked above */ (command[0]), command.slice(1), {
  stdio: "inherit",
  env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}` },
});
process.exit(result.status ?? 1);
