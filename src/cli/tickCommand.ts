// `slacktrux tick [--at ISO-8601]`: runs every channel digest and follow due at that minute (now
// by default), then exits — for cron, and for trying a schedule out. The same tick `npm start`
// runs every minute, on the same files, so the two never post one run twice.
import type { Env } from "../config/env.js";
import type { FulfilConfig } from "../config/fulfilConfig.js";
import { createLogger } from "../observe/log.js";
import { noMetrics } from "../observe/metrics.js";
import { localSubscriptions } from "../runtimes/local/localSubscriptions.js";

export interface TickOptions {
  /** --at, as typed. */
  at?: string | undefined;
  config: FulfilConfig;
  env: Env;
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runTickCommand(options: TickOptions): Promise<number> {
  const at = options.at === undefined ? new Date() : new Date(options.at);
  if (Number.isNaN(at.getTime())) {
    options.err("--at must be an ISO-8601 time, e.g. 2026-12-02T16:30:00Z");
    return 2;
  }
  // Log lines on stderr: stdout is the summary.
  const log = createLogger((line) => process.stderr.write(line + "\n"));
  const { ticker, dataDir } = localSubscriptions(options.env, options.config, { log, metrics: noMetrics });
  if (!ticker) {
    options.err("SLACK_BOT_TOKEN is not set: digests and follows post as the app, with its bot token (xoxb-…).");
    return 2;
  }
  const result = await ticker(at);
  const outcomes = Object.entries(result.outcomes)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(", ");
  options.out(`${result.minute}: ${result.due} due${outcomes ? ` (${outcomes})` : ""}; subscriptions in ${dataDir}`);
  return (result.outcomes.failed ?? 0) + (result.outcomes["auth-failed"] ?? 0) > 0 ? 1 : 0;
}
