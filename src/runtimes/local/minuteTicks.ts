// `npm start` runs the subscription tick itself, at the start of every minute, in-process; a
// cron'd `slacktrux tick` may run beside it (their claims are shared, so each run posts once).
// Each tick starts on the wall clock's minute, whether or not the one before has finished: a
// slow tick (Slack rate-limiting a channel) never costs the next minute its posts, and the
// claims keep overlapping ticks from posting anything twice. The first tick runs at start: the
// core's tick catches up what was due while the process was down (subscriptions/tick.ts).
import type { Logger } from "../../observe/log.js";
import { describeFailure } from "../../observe/describeFailure.js";

export interface MinuteTicks {
  /** Stops ticking; resolves once every tick under way has finished. */
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
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  let lastMinute = Number.NEGATIVE_INFINITY;
  const schedule = () => {
    if (stopped) return;
    const now = nowMs();
    const next = Math.floor(now / 60_000) * 60_000 + 60_000 + PAST_THE_MINUTE_MS;
    timer = setTimeout(fire, next - now);
    // A server waiting on SIGINT keeps the process alive; the tick alone should not.
    timer.unref();
  };
  const fire = () => {
    const minute = Math.floor(nowMs() / 60_000);
    // A timer that fired late (the event loop blocked, the machine asleep) still ticks each
    // minute once: the catch-up in the core posts what the skipped ones had due.
    if (minute > lastMinute) {
      lastMinute = minute;
      const one = tick(new Date(minute * 60_000))
        .catch((error: unknown) => log.error("tick failed", { phase: "tick", ...describeFailure(error) }))
        .finally(() => running.delete(one));
      running.add(one);
    }
    schedule();
  };
  fire();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
