// `npm start` runs the subscription tick itself, at the start of every minute, in-process; a
// cron'd `slacktrux tick` may run beside it (their claims are shared files, so each run posts once).
import type { Logger } from "../../observe/log.js";
import { describeFailure } from "../../observe/describeFailure.js";

export interface MinuteTicks {
  /** Stops ticking; resolves once a tick under way has finished. */
  stop(): Promise<void>;
}

/** A little past the minute, so the clock has surely turned. */
const PAST_THE_MINUTE_MS = 1_000;

export function startMinuteTicks(
  tick: (at: Date) => Promise<unknown>,
  log: Logger,
  nowMs: () => number = Date.now,
): MinuteTicks {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const now = nowMs();
    const next = Math.floor(now / 60_000) * 60_000 + 60_000 + PAST_THE_MINUTE_MS;
    timer = setTimeout(() => {
      running = tick(new Date(nowMs()))
        .catch((error: unknown) => log.error("tick failed", { phase: "tick", ...describeFailure(error) }))
        .finally(schedule);
    }, next - now);
    // A server waiting on SIGINT keeps the process alive; the tick alone should not.
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
