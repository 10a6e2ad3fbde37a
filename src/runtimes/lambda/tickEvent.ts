// The event EventBridge Scheduler sends the worker every minute to run the subscriptions due then:
// `{"kind": "tick", "time": "<aws.scheduler.scheduled-time>"}`. Scheduler fills in the minute it
// fired, the same in every delivery of that run, so a retried or repeated tick runs the same
// minute (and finds its posts claimed).

export interface TickEvent {
  kind: "tick";
  /** ISO-8601, e.g. 2026-12-02T16:30:00Z. */
  time: string;
}

export function isTickEvent(event: unknown): event is TickEvent {
  return (event as { kind?: unknown } | null)?.kind === "tick";
}

/** The minute to run; a missing or unreadable time is a broken schedule, and says so. */
export function tickTime(event: TickEvent): Date {
  const at = new Date(typeof event.time === "string" ? event.time : NaN);
  if (Number.isNaN(at.getTime())) throw new Error('a tick event needs "time": an ISO-8601 time');
  return at;
}
