// One job's allowance for talking to Slack: a time by which every delivery must be over, and a
// number of POSTs per target URL, counting every try of every message. Every delivery of the job
// draws on the same budget, so retries of the answer, its follow-up and the clean-up together can
// neither overrun the job's claim nor use a response_url more often than Slack allows.

/** Slack accepts at most this many posts to one response_url. */
export const SLACK_MAX_POSTS_PER_RESPONSE_URL = 5;

export interface DeliveryBudget {
  /** Milliseconds left before every delivery must be over (0 once spent). */
  remainingMs(): number;
  /** POSTs still allowed to `url`. */
  postsLeft(url: string): number;
  /** Takes one POST to `url`; false (and nothing taken) when none is left or the time is spent. */
  takePost(url: string): boolean;
}

export interface DeliveryBudgetOptions {
  /** Time from now that every delivery must end within. */
  ms: number;
  /** POSTs per target URL. */
  postsPerUrl?: number;
  nowMs?: () => number;
}

export function createDeliveryBudget(options: DeliveryBudgetOptions): DeliveryBudget {
  const { ms, postsPerUrl = SLACK_MAX_POSTS_PER_RESPONSE_URL, nowMs = Date.now } = options;
  const endsAtMs = nowMs() + ms;
  const posts = new Map<string, number>();
  const remainingMs = () => Math.max(0, endsAtMs - nowMs());
  const postsLeft = (url: string) => postsPerUrl - (posts.get(url) ?? 0);
  return {
    remainingMs,
    postsLeft,
    takePost(url) {
      if (postsLeft(url) <= 0 || remainingMs() <= 0) return false;
      posts.set(url, (posts.get(url) ?? 0) + 1);
      return true;
    },
  };
}
