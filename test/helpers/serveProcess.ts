// `slacktrux serve` (the built dist/cli.mjs) as a child process, as a supervisor would run it:
// its JSON log lines (stdout), its messages (stderr), its exit code, and a way to stop it.
import { spawn, type ChildProcess } from "node:child_process";
import { CLI_PATH } from "./cli.js";
import { eventually } from "./loopbackServer.js";

export interface ServeProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The JSON log lines written so far. */
  logs(): { level: string; msg: string; [field: string]: unknown }[];
  exited: Promise<number | null>;
  /** Waits until stderr matches, failing with what was written if the process exits first. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export function startServe(env: Record<string, string>): ServeProcess {
  const child = spawn(process.execPath, [CLI_PATH, "serve"], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let exitCode: number | null | undefined;
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    logs: () =>
      out
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { level: string; msg: string }),
    exited,
    async waitForStderr(pattern, timeoutMs = 10_000) {
      await eventually(
        () => pattern.test(err) || exitCode !== undefined,
        `stderr to match ${pattern} (stderr: ${err})`,
        timeoutMs,
      );
      const match = pattern.exec(err);
      if (!match) throw new Error(`serve exited with ${exitCode} before ${pattern} appeared: ${err}`);
      return match;
    },
    async stop() {
      if (exitCode === undefined) child.kill("SIGTERM");
      return exited;
    },
  };
}
