// How a fulfil job's end is told: one log line with the job's fields, and its metrics.
import type { Logger } from "../observe/log.js";
import type { Metrics } from "../observe/metrics.js";
import { METRICS } from "../observe/metricNames.js";
import type { FulfilJob } from "./job.js";
import type { FulfilOutcome } from "./fulfilDeps.js";

export type Extra = Record<string, string | number>;

export interface FulfilReport {
  /** Every log line of the job carries these; never the response_url. */
  logFields: { phase: string; requestId: string; team: string; command: string; place: string };
  /** Logs and counts the job's outcome, and returns it. */
  finish: (outcome: FulfilOutcome, extra?: Extra) => FulfilOutcome;
}

export function startReport(job: FulfilJob, log: Logger, metrics: Metrics): FulfilReport {
  const started = performance.now();
  const logFields = {
    phase: "fulfil",
    requestId: job.requestId,
    team: job.asker.teamId,
    command: job.asker.command,
    place: placeOf(job),
  };
  const finish = (outcome: FulfilOutcome, extra: Extra = {}) => {
    const ms = performance.now() - started;
    const level =
      outcome === "delivery-failed" || outcome === "expired" || outcome === "store-failed" ? "error" : "info";
    log[level]("fulfilled", { ...logFields, outcome, ms: Math.round(ms), ...extra });
    metrics.count(METRICS.jobs, { Outcome: outcome });
    metrics.milliseconds(METRICS.fulfilMs, ms);
    if (outcome === "duplicate") metrics.count(METRICS.duplicates);
    return outcome;
  };
  return { logFields, finish };
}

/** What was asked about, for the logs. */
function placeOf({ request }: FulfilJob): string {
  if (request.kind === "places") return request.query;
  if (request.kind === "named-places") return request.places.join(", ");
  if (request.kind === "daily-add") return request.places;
  return request.kind;
}
