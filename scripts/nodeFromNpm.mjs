// @ts-check
// A major version of Node.js from npm's `node` package (which ships the official binary),
// installed once into .cache/node-<major>/, and a way to run a command with it first on PATH.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The folder holding that major's `node`, installed on first use. */
export function nodeBinDir(/** @type {string} */ major) {
  const prefix = join(root, ".cache", `node-${major}`);
  const bin = join(prefix, "node_modules", "node", "bin");
  if (!existsSync(join(bin, "node"))) {
    mkdirSync(prefix, { recursive: true });
    console.error(`installing node@${major} from npm into ${prefix}…`);
    execFileSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", `node@${major}`], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  return bin;
}

/** Runs `command` with that folder first on PATH (so `node`, and scripts run by `node`, are that Node); returns its exit code. */
export function runWithNodeFirst(/** @type {string} */ bin, /** @type {string[]} */ command) {
  const result = spawnSync(/** @type {string} */ (command[0]), command.slice(1), {
    stdio: "inherit",
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}` },
  });
  return result.status ?? 1;
}
