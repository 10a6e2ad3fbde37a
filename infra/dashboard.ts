// One CloudWatch dashboard for slacktrux: what users asked for and got (commands, clicks, jobs by
// outcome), how fast (ack, fulfil, tracker fetch), what went wrong (tracker errors, delivery,
// duplicates, claims that went ahead unclaimed, claim store errors), the failed-jobs queue, the
// functions' errors and throttles, and every alarm. The metrics are the ones the functions emit as EMF log lines (src/observe/metricNames.ts).
// Each dimension's values are known, so each series is an explicit metric: no SEARCH expression,
// and a series shows (empty) even before its first data point.
import { Duration, type Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { DIMENSION_VALUES, METRIC_NAMESPACE, METRICS } from "../src/observe/metricNames.js";

export interface DashboardParts {
  receiver: lambda.Function;
  worker: lambda.Function;
  failedJobs: sqs.Queue;
  alarms: cloudwatch.Alarm[];
}

const PERIOD = Duration.minutes(5);
const WIDTH = 8;

export function addDashboard(
  stack: Stack,
  { receiver, worker, failedJobs, alarms }: DashboardParts,
): cloudwatch.Dashboard {
  const metric = (metricName: string, statistic: string, label: string, dimensionsMap?: Record<string, string>) =>
    new cloudwatch.Metric({
      namespace: METRIC_NAMESPACE,
      metricName,
      statistic,
      period: PERIOD,
      label,
      ...(dimensionsMap ? { dimensionsMap } : {}),
    });
  const counts = (
    metricName: string,
    dimension: string,
    values: readonly string[],
    extra: Record<string, string> = {},
    labelPrefix = "",
  ) =>
    values.map((value) =>
      metric(metricName, cloudwatch.Stats.SUM, `${labelPrefix}${value}`, { ...extra, [dimension]: value }),
    );
  const percentiles = (metricName: string, what: string, dimensionsMap?: Record<string, string>) => [
    metric(metricName, cloudwatch.Stats.p(50), `${what} p50`, dimensionsMap),
    metric(metricName, cloudwatch.Stats.p(99), `${what} p99`, dimensionsMap),
  ];
  const graph = (title: string, left: cloudwatch.IMetric[], options: Partial<cloudwatch.GraphWidgetProps> = {}) =>
    new cloudwatch.GraphWidget({ title, left, width: WIDTH, height: 6, ...options });
  const stacked = { stacked: true };

  const dashboard = new cloudwatch.Dashboard(stack, "Dashboard", { defaultInterval: Duration.days(1) });
  dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: "Alarms", alarms, width: 24, height: 3 }));
  dashboard.addWidgets(
    graph(
      "Commands by outcome (phase 1)",
      counts(METRICS.requests, "Outcome", DIMENSION_VALUES.requestOutcome, { Route: "command" }),
      stacked,
    ),
    graph(
      "Clicks by outcome (phase 1)",
      counts(METRICS.requests, "Outcome", DIMENSION_VALUES.requestOutcome, { Route: "interaction" }),
      stacked,
    ),
    graph("Jobs by outcome (phase 2)", counts(METRICS.jobs, "Outcome", DIMENSION_VALUES.jobOutcome), stacked),
  );
  dashboard.addWidgets(
    graph(
      "Ack to Slack (ms)",
      DIMENSION_VALUES.route.flatMap((route) => percentiles(METRICS.ackMs, route, { Route: route })),
      {
        // Slack gives up at 3 s.
        leftAnnotations: [{ value: 3000, label: "Slack's 3 s", color: cloudwatch.Color.RED }],
      },
    ),
    graph("Fulfil and tracker fetch (ms)", [
      ...percentiles(METRICS.fulfilMs, "fulfil"),
      ...percentiles(METRICS.trackerFetchMs, "tracker fetch"),
    ]),
    graph("Tracker errors by kind", counts(METRICS.trackerErrors, "Kind", DIMENSION_VALUES.trackerErrorKind), stacked),
  );
  dashboard.addWidgets(
    graph("Delivery to Slack", [
      metric(METRICS.deliveryTries, cloudwatch.Stats.SUM, "tries"),
      metric(METRICS.deliveryFailures, cloudwatch.Stats.SUM, "failures"),
      metric(METRICS.slackAuthErrors, cloudwatch.Stats.SUM, "bot token refused"),
    ]),
    graph("Duplicates and unclaimed go-aheads", [
      metric(METRICS.duplicates, cloudwatch.Stats.SUM, "duplicates"),
      ...counts(METRICS.unclaimedGoAheads, "Reason", DIMENSION_VALUES.unclaimedReason, {}, "went ahead unclaimed: "),
    ]),
    graph(
      "Claim store errors (misconfigured)",
      counts(METRICS.claimStoreErrors, "Kind", DIMENSION_VALUES.claimStoreErrorKind),
      stacked,
    ),
  );
  dashboard.addWidgets(
    graph("Failed jobs queued", [
      failedJobs.metricApproximateNumberOfMessagesVisible({
        period: PERIOD,
        statistic: cloudwatch.Stats.MAXIMUM,
        label: "FailedJobs",
      }),
    ]),
    graph(
      "Function errors and throttles",
      [receiver, worker].flatMap((fn) => [
        fn.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM, label: `${fn.node.id} errors` }),
        fn.metricThrottles({ period: PERIOD, statistic: cloudwatch.Stats.SUM, label: `${fn.node.id} throttles` }),
      ]),
    ),
  );
  return dashboard;
}
