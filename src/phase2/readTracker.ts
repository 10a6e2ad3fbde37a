// Phase 2's one way to read the tracker, shared by commands (fulfil) and scheduled digests: the
// page within the deadline, or the sentence that tells people why not. Logs what an admin must
// know (a changed layout, a stale page served) with the caller's fields.
import type { LogFields, Logger } from "../observe/log.js";
import { noMetrics, type Metrics } from "../observe/metrics.js";
import { METRICS } from "../observe/metricNames.js";
import { TrackerError, type TrackerErrorKind } from "../trucks/trackerError.js";
import type { TrackerSnapshot, Tracker } from "../trucks/tracker.js";
import { trackerProblemText } from "../messages/trackerProblem.js";
import { describeFailure } from "../observe/describeFailure.js";

export type TrackerRead =
  | { ok: true; snapshot: TrackerSnapshot; fetchMs: number }
  /** `problem` is for people (mrkdwn); `detail` is for the logs. */
  | { ok: false; kind: TrackerErrorKind; problem: string; detail: string };

export interface TrackerReadOptions {
  /** Past this, the read fails as too slow. */
  deadlineMs: number;
  log: Logger;
  /** The caller's fields, on every log line. */
  logFields: LogFields;
  /** None by default. */
  metrics?: Metrics;
}

export async function readTracker(tracker: Tracker, options: TrackerReadOptions): Promise<TrackerRead> {
  const { deadlineMs, log, logFields, metrics = noMetrics } = options;
  const started = performance.now();
  let snapshot: TrackerSnapshot;
  try {
    snapshot = await withDeadline(tracker.get(), deadlineMs);
  } catch (error) {
    const kind = error instanceof TrackerError ? error.kind : "unreachable";
    const detail = describeFailure(error).reason;
    metrics.count(METRICS.trackerErrors, { Kind: kind });
    // Neither passes by itself: the admin must look.
    if (kind === "layout-changed") log.error("tracker layout changed", { ...logFields, reason: detail });
    if (kind === "redirect-refused") log.error("tracker redirect refused", { ...logFields, reason: detail });
    return { ok: false, kind, problem: trackerProblemText(kind, trackerHost(tracker)), detail };
  }
  if (snapshot.stale) {
    metrics.count(METRICS.trackerErrors, { Kind: snapshot.stale.error.kind });
    log.warn("tracker failed, serving the last good page", {
      ...logFields,
      trackerError: snapshot.stale.error.kind,
      detail: snapshot.stale.error.message,
    });
  }
  const fetchMs = performance.now() - started;
  metrics.milliseconds(METRICS.trackerFetchMs, fetchMs);
  return { ok: true, snapshot, fetchMs: Math.round(fetchMs) };
}

function trackerHost(tracker: Tracker): string {
  const url = new URL(tracker.sourceUrl);
  return url.protocol === "file:" ? "a local file" : url.host;
}

function withDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TrackerError("too-slow", `no answer within ${deadlineMs} ms`)), deadlineMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
