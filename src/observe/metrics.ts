// Metrics as CloudWatch Embedded Metric Format: a metric is one JSON log line whose `_aws` block
// tells CloudWatch Logs which keys are metrics and which are dimensions, so Lambda needs no SDK
// and no extra request. Elsewhere (a laptop, the command line) metrics go nowhere.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
import type { LogSink } from "./log.js";
import { METRIC_NAMESPACE } from "./metricNames.js";

export type Dimensions = Record<string, string>;

export interface Metrics {
  /** Adds `value` (default 1) to a Count metric. */
  count(name: string, dimensions?: Dimensions, value?: number): void;
  /** Records a duration in milliseconds. */
  milliseconds(name: string, ms: number, dimensions?: Dimensions): void;
}

export const noMetrics: Metrics = { count() {}, milliseconds() {} };

export function createEmfMetrics(
  sink: LogSink = (line) => process.stdout.write(line + "\n"),
  nowMs: () => number = Date.now,
): Metrics {
  const emit = (name: string, unit: "Count" | "Milliseconds", value: number, dimensions: Dimensions = {}) =>
    sink(
      JSON.stringify({
        _aws: {
          Timestamp: nowMs(),
          CloudWatchMetrics: [
            {
              Namespace: METRIC_NAMESPACE,
              Dimensions: [Object.keys(dimensions)],
              Metrics: [{ Name: name, Unit: unit }],
            },
          ],
        },
        ...dimensions,
        [name]: value,
      }),
    );
  return {
    count: (name, dimensions, value = 1) => emit(name, "Count", value, dimensions),
    milliseconds: (name, ms, dimensions) => emit(name, "Milliseconds", Math.round(ms * 100) / 100, dimensions),
  };
}
