// @ts-check
// Runs one benchmark module in a fresh node process, so no benchmark inherits another's JIT
// state, heap or open sockets. The module exports `run(context)`; its result comes back over IPC.
import { fork } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * What each benchmark's `run(context)` is given.
 * @typedef {object} BenchContext
 * @property {boolean} quick CI's smoke run: fewer samples
 * @property {string} root the repository
 * @property {string} tmpDir scratch space, removed after the run
 * @property {{ cli: string; receiver: string; worker: string; sources: string; bolt: string }} bundles copies of the built files
 */

/**
 * @param {string} modulePath
 * @param {import("node:child_process").Serializable} context what the module's run() gets (sent over IPC)
 * @returns {Promise<any>} the module's result
 */
export function runIsolated(modulePath, context) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [modulePath], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    /** @type {{ ok: boolean; result?: unknown; error?: string } | undefined} */
    let answer;
    child.on("message", (message) => (answer = /** @type {typeof answer} */ (message)));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (answer?.ok) resolve(answer.result);
      else reject(new Error(`${modulePath} failed (${signal ?? `exit ${code}`}): ${answer?.error ?? "no result"}`));
    });
    child.send(context);
  });
}

// The child side: take the context, run the module, send back its result, and exit even if a
// benchmark left a server or timer behind.
const send = process.send?.bind(process);
if (process.argv[1] === fileURLToPath(import.meta.url) && send) {
  process.once("message", async (context) => {
    try {
      const { run } = await import(pathToFileURL(process.argv[2] ?? "").href);
      const result = await run(context);
      send({ ok: true, result }, undefined, {}, () => process.exit(0));
    } catch (error) {
      const stack = error instanceof Error ? error.stack : undefined;
      send({ ok: false, error: stack ?? String(error) }, undefined, {}, () => process.exit(1));
    }
  });
}
