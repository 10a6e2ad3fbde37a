// Runs one benchmark module in a fresh node process, so no benchmark inherits another's JIT
// state, heap or open sockets. The module exports `run(context)`; its result comes back over IPC.
import { fork } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

export function runIsolated(modulePath, context) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [modulePath], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let answer;
    child.on("message", (message) => (answer = message));
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
if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  process.once("message", async (context) => {
    try {
      const { run } = await import(pathToFileURL(process.argv[2]).href);
      const result = await run(context);
      process.send({ ok: true, result }, () => process.exit(0));
    } catch (error) {
      process.send({ ok: false, error: error?.stack ?? String(error) }, () => process.exit(1));
    }
  });
}
