// The built Worker (dist/workers/worker.mjs, what `npm run deploy:cloudflare` uploads) running in
// workerd through Miniflare, with wrangler.jsonc's bindings: D1 with migrations/ applied, the jobs
// queue and its dead-letter queue (no batching delay, no retry delay), the Cache API. Vars and
// secrets are given per test; the Worker's log lines are collected.

import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { applyMigrations } from "./d1.js";
import { TEST_SECRET } from "./slackRequest.js";

const root = new URL("../../", import.meta.url);
export const JOBS_QUEUE = "slacktrux-jobs";
export const DEAD_LETTER_QUEUE = "slacktrux-jobs-dlq";
/** The retries wrangler.jsonc gives the jobs queue. */
export const MAX_RETRIES = 2;

export interface RunningWorker {
  mf: Miniflare;
  /** A request to the Worker, as Slack (or a health check) would send it. */
  request(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Response>;
  /** The Worker's JSON log lines so far. */
  logs: Record<string, unknown>[];
  dispose(): Promise<void>;
}

/** `vars` are the Worker's vars and secrets; SLACK_SIGNING_SECRET is the tests' unless given (null: unset). */
export async function startWorker(vars: Record<string, string | null>): Promise<RunningWorker> {
  const bindings: Record<string, string> = {};
  for (const [name, value] of Object.entries({ SLACK_SIGNING_SECRET: TEST_SECRET, ...vars })) {
    if (value !== null) bindings[name] = value;
  }
  const logs: Record<string, unknown>[] = [];
  let pending = "";
  const mf = new Miniflare({
    modules: true,
    scriptPath: new URL("dist/workers/worker.mjs", root).pathname,
    compatibilityDate: "2026-07-01",
    compatibilityFlags: ["nodejs_compat"],
    bindings,
    d1Databases: { DB: "slacktrux-test" },
    queueProducers: { JOBS: { queueName: JOBS_QUEUE } },
    queueConsumers: {
      [JOBS_QUEUE]: {
        maxBatchSize: 10,
        maxBatchTimeout: 0,
        maxRetries: MAX_RETRIES,
        retryDelay: 0,
        deadLetterQueue: DEAD_LETTER_QUEUE,
      },
      [DEAD_LETTER_QUEUE]: { maxBatchSize: 10, maxBatchTimeout: 0 },
    },
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      for (const stream of [stdout, stderr]) {
        stream.on("data", (chunk: Buffer) => {
          const lines = (pending + chunk.toString("utf8")).split("\n");
          pending = lines.pop() ?? "";
          for (const line of lines) {
            try {
              logs.push(JSON.parse(line) as Record<string, unknown>);
            } catch {
              // workerd's own lines are not ours.
            }
          }
        });
      }
    },
  });
  await mf.ready;
  await applyMigrations(mf);
  return {
    mf,
    logs,
    request: async (path, init = {}) => await mf.dispatchFetch(`http://localhost${path}`, init),
    dispose: () => mf.dispose(),
  };
}
