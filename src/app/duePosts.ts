// The schedule engine's first half: which posts are due at a minute. Two kinds share it — the
// digests an admin declares in DIGESTS (posted by incoming webhook) and the subscriptions made from
// Slack (channel digests and follows, posted as the app) — each due when the minute, read on its
// own time zone's clock, is its time on one of its days, and the runs of earlier minutes a tick
// catches up or retries (those Slack refused for their token). Delivering them is the tick's second half.
import type { DigestJob } from "../digest/digestJob.js";
import { dueAt } from "../digest/dueAt.js";
import type { DigestSchedule } from "../digest/schedules.js";
import { refusedRunsDue, withoutRefused } from "../subscriptions/refusedRuns.js";
import type { RefusedRunStore } from "../subscriptions/refusedRunStore.js";
import type { SubscriptionStore } from "../subscriptions/store.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { CATCH_UP_MINUTES, dueSubscriptions, earlierRuns, type DueRun } from "../subscriptions/tick.js";
import { minuteOf } from "./jobs.js";

export interface DuePosts {
  /** ISO-8601, the minute asked about. */
  minute: string;
  /** DIGESTS entries due, each with the minute as its run's scheduledTime (its claim's key). */
  digests: DigestJob[];
  subscriptions: Subscription[];
  /** Runs due in the minutes before, which the tick catches up (or gives up) unless already posted. */
  earlier: DueRun[];
  /**
   * Runs Slack refused for their token earlier today, retried now (or given up, their day over):
   * each marked `refused`. Absent from a batch sent before there were any.
   */
  refused?: DueRun[];
}

export async function duePosts(
  at: Date,
  declared: readonly DigestSchedule[],
  store: SubscriptionStore | undefined,
  refusedRuns: RefusedRunStore,
): Promise<DuePosts> {
  const minute = minuteOf(at);
  const digests = dueAt(declared, at).map((schedule) => ({ ...schedule.job, scheduledTime: minute }));
  if (!store) return { minute, digests, subscriptions: [], earlier: [], refused: [] };
  const records = await refusedRuns.list();
  return {
    minute,
    digests,
    subscriptions: await dueSubscriptions(at, store),
    // A run refused for its token is retried with its workspace's other refused runs, one at a time.
    earlier: withoutRefused(await earlierRuns(at, store), records),
    refused: await refusedRunsDue(at, records, { store, refused: refusedRuns }, CATCH_UP_MINUTES),
  };
}
