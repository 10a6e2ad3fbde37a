// The claim protocol every job follows, written once: take the job's key for as long as one
// attempt can take, then either hold it (the work is done, or a retry could not do better) or let
// go (a retry should run it). A crash lets go too, so the retry Lambda makes of a crashed attempt,
// a minute or more later, may answer; a duplicate arriving alongside or after the answer finds the
// key taken and stays silent.
import { DELIVERY_BUDGET_SECONDS, IN_PROGRESS_GRACE_SECONDS, type ClaimStore } from "./claimStore.js";

/** One attempt's hold on its key. */
export interface Claim {
  /** The work is done: keep the key taken for `seconds` from now. */
  hold(seconds: number): Promise<void>;
  /** The work is not done and a retry should do it: free the key now. */
  release(): Promise<void>;
}

/** How long an attempt with this tracker deadline holds its key before it is done. */
export function attemptSeconds(deadlineMs: number): number {
  return Math.ceil(deadlineMs / 1000) + IN_PROGRESS_GRACE_SECONDS;
}

/**
 * How long an attempt's own work may take from the moment it holds its claim: reading the tracker
 * (at most the deadline), then delivering (at most DELIVERY_BUDGET_SECONDS). Always shorter than
 * attemptSeconds by at least CLAIM_STORE_MARGIN_SECONDS.
 */
export function jobBudgetMs(deadlineMs: number): number {
  return deadlineMs + DELIVERY_BUDGET_SECONDS * 1000;
}

/**
 * Runs `work` under a claim on `key`, or returns `"duplicate"` without running it when another
 * attempt holds the key. `work` holds or releases the claim itself; if it throws, the claim is
 * released and the error passed on.
 */
export async function withClaim<T>(
  store: ClaimStore,
  key: string,
  deadlineMs: number,
  work: (claim: Claim) => Promise<T>,
): Promise<T | "duplicate"> {
  if (!(await store.claim(key, attemptSeconds(deadlineMs)))) return "duplicate";
  const claim: Claim = {
    hold: (seconds) => store.confirm(key, seconds),
    release: () => store.confirm(key, 0),
  };
  try {
    return await work(claim);
  } catch (error) {
    await claim.release().catch(() => {});
    throw error;
  }
}
