// A subscription tick to run again from the queue: the cron runs each minute's tick itself, and
// queues it only when some post failed (Slack down, rate limits past our bound), so the queue's
// retries and dead-letter log cover it. The minute travels with it: a retry runs that minute and
// finds what already posted claimed.

export interface TickJob {
  kind: "tick";
  /** ISO-8601, the minute the cron fired. */
  time: string;
}

export function isTickJob(job: unknown): job is TickJob {
  return (job as { kind?: unknown } | null)?.kind === "tick";
}

/** The minute to run; an unreadable time is a bug in our own message, and says so. */
export function tickJobTime(job: TickJob): Date {
  const at = new Date(typeof job.time === "string" ? job.time : NaN);
  if (Number.isNaN(at.getTime())) throw new Error('a tick job needs "time": an ISO-8601 time');
  return at;
}
