// Which runs refused for their bot token a tick tries again. A refused run is kept (refusedRunStore.ts)
// until it posts or its local day is over, and retried by later ticks, past the catch-up window
// too: an admin who fixes the token at 13:00 still gets the 11:30 post that day. Within the
// window it is tried every tick, as any run caught up (a token fixed and the server restarted
// posts at once); past it, gently: a workspace whose token was refused is tried again at most
// once every REFUSED_RETRY_MINUTES (any refusal of its runs counts as a try). Either way the tick
// tries a workspace's refused runs one at a time and stops at its first refusal (tick.ts). A run
// whose day is over is handed to the tick too, which gives it up with a log line.
import type { RefusedRun, RefusedRunStore } from "./refusedRunStore.js";
import { localClock } from "./schedule.js";
import type { SubscriptionStore } from "./store.js";
import type { Subscription } from "./subscription.js";
import type { DueRun } from "./tick.js";

/** A workspace whose token Slack refused is tried again no sooner than this after its last refusal. */
export const REFUSED_RETRY_MINUTES = 5;

/**
 * The refused runs the tick at `at` retries (or gives up): those due in the last `catchUpMinutes`,
 * those of workspaces not refused in the last `retryMinutes`, and every one whose local day is
 * over. A record whose subscription is gone (removed, stopped) is deleted here.
 */
export async function refusedRunsDue(
  at: Date,
  records: readonly RefusedRun[],
  stores: { store: SubscriptionStore; refused: RefusedRunStore },
  catchUpMinutes: number,
  retryMinutes = REFUSED_RETRY_MINUTES,
): Promise<DueRun[]> {
  const { store, refused } = stores;
  const minute = Math.floor(at.getTime() / 60_000) * 60_000;
  const lastTried = new Map<string, number>();
  for (const record of records)
    lastTried.set(record.teamId, Math.max(lastTried.get(record.teamId) ?? 0, record.lastTriedMs));
  const found = new Map<string, Promise<Subscription[]>>();
  const runs: DueRun[] = [];
  for (const record of records) {
    const dayOver = localClock(new Date(minute), record.timeZone).date !== record.day;
    const catchingUp = minute - Date.parse(record.dueAt) <= catchUpMinutes * 60_000;
    const rested = minute - lastTried.get(record.teamId)! >= retryMinutes * 60_000;
    if (!dayOver && !catchingUp && !rested) continue;
    const slot = `${record.timeZone}#${record.time}`;
    if (!found.has(slot)) found.set(slot, store.at(record.timeZone, record.time));
    const subscription = (await found.get(slot)!).find((s) => s.id === record.subscriptionId);
    if (subscription) runs.push({ subscription, dueAt: record.dueAt, refused: true });
    else await refused.delete(record.subscriptionId, record.day);
  }
  return runs;
}

/** The catch-up runs that have no refused record: a recorded run is retried (or given up) as a refused run instead. */
export function withoutRefused(runs: readonly DueRun[], records: readonly RefusedRun[]): DueRun[] {
  const recorded = new Set(records.map((record) => `${record.subscriptionId}\u0000${record.day}`));
  return runs.filter((run) => !recorded.has(`${run.subscription.id}\u0000${runDay(run)}`));
}

/** The run's local date in its subscription's zone: the day its claim and its refused record are for. */
export function runDay(run: DueRun): string {
  return localClock(new Date(run.dueAt), run.subscription.timeZone).date;
}

/** The record of a run Slack refused at the tick minute `minuteMs`. */
export function refusedRecord(run: DueRun, minuteMs: number): RefusedRun {
  const { subscription } = run;
  return {
    subscriptionId: subscription.id,
    teamId: subscription.teamId,
    timeZone: subscription.timeZone,
    time: subscription.time,
    day: runDay(run),
    dueAt: run.dueAt,
    lastTriedMs: minuteMs,
  };
}
