// `slacktrux tick [--at ISO-8601]`: runs every post due at that minute (now by default) — the
// digests declared in DIGESTS and the channel digests and follows made from Slack — then exits:
// for cron, and for trying a schedule out. The same tick `npm start` runs every minute, on the
// same database, so the two never post one run twice.
import type { Env } from "../config/env.js";
import { readAtFlag } from "./atFlag.js";
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
  const at = readAtFlag(options.at);
  if (typeof at === "string") {
    options.err(at);
    return 2;
  }
  // Log lines on stderr: stdout is the summary.
  const log = createLogger((line) => process.stderr.write(line + "\n"));
  const { app, dataDir, close } = createLocalApp(options.env, { log });
  const result = await app.tick(at).finally(close);
  const outcomes = Object.entries(result.outcomes)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(", ");
  const kept = app.subscriptionsOn
    ? `subscriptions in ${dataDir}`
    : "subscriptions off (set SLACK_BOT_TOKEN: they post as the app, with its bot token, xoxb-…)";
  options.out(`${result.minute}: ${result.due} due${outcomes ? ` (${outcomes})` : ""}; ${kept}`);
  return result.failed + (result.outcomes["auth-failed"] ?? 0) > 0 ? 1 : 0;
}
