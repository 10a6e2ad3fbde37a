// What phase 1 counts: each request by route and outcome, and how long its answer took. Phase 1
// sees only the Metrics interface; the Lambda receiver passes CloudWatch EMF, others nothing.
import { DIMENSION_VALUES, METRICS } from "../observe/metricNames.js";
import type { Metrics } from "../observe/metrics.js";

export type Route = (typeof DIMENSION_VALUES.route)[number];
export type RequestOutcome = (typeof DIMENSION_VALUES.requestOutcome)[number];

export function recordRequest(metrics: Metrics, route: Route, outcome: RequestOutcome, ms: number): void {
  metrics.count(METRICS.requests, { Route: route, Outcome: outcome });
  metrics.milliseconds(METRICS.ackMs, ms, { Route: route });
}
