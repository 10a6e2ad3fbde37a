// "Exactly one answer": phase 2 claims a key per command (and per scheduled digest run) before
// posting; a second delivery of the same job (an async-invoke retry, a duplicated hand-off, a
// scheduler delivering twice) finds the key taken and stays silent.
import { createHash } from "node:crypto";

/**
 * How long an attempt holds its claim beyond the tracker deadline: time to post the answer and its
 * companions, retries included. The worker's Lambda timeout is the deadline plus this, so no
 * attempt outlives its claim, and Lambda's retry (a minute or more after a failure) finds it lapsed.
 */
export const IN_PROGRESS_GRACE_SECONDS = 90;

/**
 * How long one job's posts to Slack may take, every try and wait included: what the grace is
 * mostly for. The rest of the grace (CLAIM_STORE_MARGIN_SECONDS at least) is for the claim
 * store's own calls and reading a webhook parameter, so delivery ends well before the claim lapses
 * or Lambda stops the worker. claim.test.ts holds this relation.
 */
export const DELIVERY_BUDGET_SECONDS = 60;

/** The least room the grace keeps beyond delivery: a claim and a confirm (each a timeout plus one network retry) and an SSM read, with slack. */
export const CLAIM_STORE_MARGIN_SECONDS = 20;

export interface ClaimStore {
  /** True when this call is the first to claim `key` within `ttlSeconds`. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Keeps an existing claim for `ttlSeconds` from now: the work it guarded is done. */
  confirm(key: string, ttlSeconds: number): Promise<void>;
}

/** response_url is unique per command, so its hash names the command without revealing it. */
export function commandKey(responseUrl: string): string {
  return createHash("sha256").update(responseUrl).digest("hex");
}

/**
 * One run of a scheduled digest: its name and the time its schedule fired (EventBridge Scheduler
 * sends the same time with every delivery of that run), hashed like a command's key. The prefix
 * keeps it apart from any command's.
 */
export function digestKey(digest: string, scheduledTime: string): string {
  return commandKey(`digest:${digest}:${scheduledTime}`);
}

/** Expired keys are forgotten at most this often: memory stays flat without a scan per claim. */
const SWEEP_INTERVAL_MS = 60_000;

/** One warm instance's memory: enough locally, where every hand-off stays in this process. */
export function createMemoryClaimStore(nowMs: () => number = Date.now): ClaimStore {
  const claimedUntil = new Map<string, number>();
  let nextSweepMs = 0;
  return {
    async claim(key, ttlSeconds) {
      const now = nowMs();
      // Keys live from 0 s (a release) to a day (a posted digest), so insertion order says nothing
      // about expiry: sweep the whole map, at most once a minute. Memory holds the live keys and
      // those expired since the last sweep.
      if (now >= nextSweepMs) {
        for (const [k, until] of claimedUntil) if (until <= now) claimedUntil.delete(k);
        nextSweepMs = now + SWEEP_INTERVAL_MS;
      }
      const until = claimedUntil.get(key);
      if (until !== undefined && until > now) return false;
      claimedUntil.set(key, now + ttlSeconds * 1000);
      return true;
    },
    async confirm(key, ttlSeconds) {
      claimedUntil.set(key, nowMs() + ttlSeconds * 1000);
    },
  };
}

/** One day's run of a subscription (a channel digest or a follow): at most one post per local date. */
export function subscriptionRunKey(subscriptionId: string, localDate: string): string {
  return commandKey(`subscription:${subscriptionId}:${localDate}`);
}
