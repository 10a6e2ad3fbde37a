// `slacktrux tick [--at ISO-8601]`: runs every post due at that minute (now by default) — the
// digests declared in DIGESTS and the channel digests and follows made from Slack — then exits:
// for cron, and for trying a schedule out. The same tick `npm start` runs every minute, on the
// same files, so the two never post one run twice.
import type { Env } from "../config/env.js";
import { createLogger } from "../observe/log.js";
import { createLocalApp } from "../runtimes/local/localApp.js";

export interface TickOptions {
  /** --at, as typed. */
  at?: string | undefined;
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
  const { app, dataDir } = createLocalApp(options.env, { log });
  const result = await app.tick(at);
  const outcomes = Object.entries(result.outcomes)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(", ");
  const kept = app.subscriptionsOn
    ? `subscriptions in ${dataDir}`
    : "subscriptions off (set SLACK_BOT_TOKEN: they post as the app, with its bot token, xoxb-…)";
  options.out(`${result.minute}: ${result.due} due${outcomes ? ` (${outcomes})` : ""}; ${kept}`);
  return result.failed + (result.outcomes["auth-failed"] ?? 0) > 0 ? 1 : 0;
}
