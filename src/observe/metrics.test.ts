import { describe, expect, it } from "vitest";
import { METRICS } from "./metricNames.js";
import { createEmfMetrics } from "./metrics.js";

describe("EMF metrics", () => {
  it("writes one Embedded Metric Format line per metric, dimensions as top-level keys", () => {
    const lines: string[] = [];
    const metrics = createEmfMetrics(
      (line) => lines.push(line),
      () => 1_700_000_000_000,
    );
    metrics.count(METRICS.requests, { Route: "command", Outcome: "handed-off" });
    metrics.milliseconds(METRICS.fulfilMs, 12.3456);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        _aws: {
          Timestamp: 1_700_000_000_000,
          CloudWatchMetrics: [
            {
              Namespace: "slacktrux",
              Dimensions: [["Route", "Outcome"]],
              Metrics: [{ Name: "Requests", Unit: "Count" }],
            },
          ],
        },
        Route: "command",
        Outcome: "handed-off",
        Requests: 1,
      },
      {
        _aws: {
          Timestamp: 1_700_000_000_000,
          CloudWatchMetrics: [
            { Namespace: "slacktrux", Dimensions: [[]], Metrics: [{ Name: "FulfilMs", Unit: "Milliseconds" }] },
          ],
        },
        FulfilMs: 12.35,
      },
    ]);
  });
});
