// The work the app does after an answer, as it travels (an async invoke's payload, a queue message,
// an EventBridge schedule's input): JSON, checked on arrival. Each kind names itself, except a
// command's or click's job, which came first and has none.
import type { DigestJob } from "../digest/digestJob.js";
import type { HomeJob } from "../phase2/homeJob.js";
import { isHomeJob } from "../phase2/homeJob.js";
import type { FulfilJob } from "../phase2/job.js";

/**
 * A tick to run: every post due at `time`'s minute. A retried or repeated tick runs the same
 * minute and finds what already posted claimed.
 */
export interface TickJob {
  kind: "tick";
  /** ISO-8601, e.g. 2026-12-02T16:30:00Z. */
  time: string;
}

export type Job = FulfilJob | DigestJob | TickJob | HomeJob;

/** The job kinds, as read from an untrusted payload; "unknown" is dropped with a log line. */
export type JobKind = "fulfil" | "digest" | "tick" | "home" | "unknown";

export function jobKind(job: unknown): JobKind {
  if (typeof job !== "object" || job === null) return "unknown";
  const kind = (job as { kind?: unknown }).kind;
  if (kind === "tick") return "tick";
  if (kind === "digest") return "digest";
  if (kind === "home") return isHomeJob(job) ? "home" : "unknown";
  return isFulfilJob(job) ? "fulfil" : "unknown";
}

/** Our own message, read defensively: only what phase 2 relies on. */
function isFulfilJob(value: object): value is FulfilJob {
  const job = value as Partial<FulfilJob>;
  return (
    typeof job.requestId === "string" &&
    typeof job.receivedAtMs === "number" &&
    typeof job.asker?.responseUrl === "string" &&
    typeof job.request?.kind === "string"
  );
}

/** The minute to run; a missing or unreadable time is a broken schedule or message, and says so. */
export function tickTime(job: TickJob): Date {
  const at = new Date(typeof job.time === "string" ? job.time : NaN);
  if (Number.isNaN(at.getTime())) throw new Error('a tick job needs "time": an ISO-8601 time');
  return at;
}

/** A tick job for the minute of `at`: the same for every firing of one minute. */
export function tickJobAt(at: Date): TickJob {
  return { kind: "tick", time: minuteOf(at) };
}

/** The minute of `at` as ISO-8601 without seconds' fraction: a digest run's scheduledTime. */
export function minuteOf(at: Date): string {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString().replace(/\.000Z$/, "Z");
}
