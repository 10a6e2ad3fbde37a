// The minute's tick on AWS: one EventBridge Scheduler schedule invokes the worker every minute with
// a tick; the tick finds every post due that minute (DIGESTS entries and the subscriptions set up
// from Slack) and sends them in batches to the DuePosts queue, whose consumer (the worker again)
// posts each batch in its own invocation (src/runtimes/lambda/tickFanOut.ts). A batch that failed
// is retried alone, then lands in a dead-letter queue with an alarm.
import { Duration, Validations, type Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { DigestSchedule } from "../src/digest/schedules.js";
import { DUE_POSTS_QUEUE_URL } from "../src/runtimes/lambda/lambdaSettings.js";

/**
 * A context attribute Scheduler replaces, in the input it sends, with the time the schedule fired
 * (e.g. 2022-03-22T18:59:43Z): the same for every delivery of one run.
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html
 */
export const SCHEDULED_TIME = "<aws.scheduler.scheduled-time>";

/**
 * Every minute: a post's time is a minute of the day, and a tick that finds nothing due costs one
 * GetItem and one Query per time zone in use (bench/benchmarks/cost.mjs prices it).
 */
export const TICK_RATE = "rate(1 minute)";

/** Batches posting at once: enough for thousands of posts a minute, few enough to spare Slack's rate limits. */
export const DELIVERY_CONCURRENCY = 10;

/** A batch is tried this many times, then dead-lettered. */
export const BATCH_TRIES = 3;

export interface Tick {
  queue: sqs.Queue;
  deadLetters: sqs.Queue;
  alarms: cloudwatch.Alarm[];
}

export function addTick(stack: Stack, worker: lambda.Function, alarmThreshold: cloudwatch.CreateAlarmOptions): Tick {
  // Dead batches are read by a person (the alarm below), not redriven by the app.
  const deadLetters = new sqs.Queue(stack, "DuePostsDeadLetters", {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetters).acknowledge({
    id: "Serverless-SQSRedrivePolicy",
    reason:
      "This queue is itself the DuePosts queue's dead-letter queue: a batch here is read by a person (the DeadDuePosts alarm), not redriven.",
  });
  const queue = new sqs.Queue(stack, "DuePosts", {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    // Lambda requires at least the consumer's timeout: a batch being posted is not handed out twice.
    visibilityTimeout: worker.timeout ?? Duration.minutes(2),
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: BATCH_TRIES },
  });
  // One batch per invocation: a failed batch is retried alone (and partial failures are reported).
  worker.addEventSource(
    new SqsEventSource(queue, {
      batchSize: 1,
      reportBatchItemFailures: true,
      maxConcurrency: DELIVERY_CONCURRENCY,
    }),
  );
  Validations.of(worker).acknowledge({
    id: "Serverless-LambdaEventSourceMappingDestination",
    reason:
      "The DuePosts queue's redrive policy sends a batch that failed every try to DuePostsDeadLetters, with its alarm; an on-failure destination as well would keep each failure twice.",
  });
  worker.addToRolePolicy(new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [queue.queueArn] }));
  worker.addEnvironment(DUE_POSTS_QUEUE_URL.name, queue.queueUrl);

  // Scheduler acts with this role; it may invoke the worker and nothing else, for this account only.
  const role = new iam.Role(stack, "TickSchedulerRole", {
    description: "Lets the slacktrux minute tick invoke the worker",
    assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
      conditions: { StringEquals: { "aws:SourceAccount": stack.account } },
    }),
  });
  role.addToPolicy(new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [worker.functionArn] }));
  new scheduler.CfnSchedule(stack, "SubscriptionTick", {
    description: "slacktrux: finds the daily posts and follows due each minute and queues them",
    scheduleExpression: TICK_RATE,
    flexibleTimeWindow: { mode: "OFF" },
    state: "ENABLED",
    target: {
      arn: worker.functionArn,
      roleArn: role.roleArn,
      // The minute it fired: every delivery and retry of one tick runs that same minute.
      input: JSON.stringify({ kind: "tick", time: SCHEDULED_TIME }),
      // A digest more than 15 minutes late is no longer "for lunch".
      retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 15 * 60 },
    },
  });

  const alarms = [
    new cloudwatch.Alarm(stack, "DeadDuePostsAlarm", {
      alarmDescription:
        "A batch of daily posts or follows failed every try and was dead-lettered: those posts were not made. See the DuePostsDeadLetters queue and the worker's logs.",
      metric: deadLetters.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      ...alarmThreshold,
    }),
    new cloudwatch.Alarm(stack, "LateDuePostsAlarm", {
      alarmDescription:
        "Daily posts waited more than 5 minutes in the DuePosts queue: the worker is not keeping up (throttled, failing, or its concurrency too low).",
      metric: queue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      ...alarmThreshold,
      threshold: 5 * 60,
    }),
  ];
  return { queue, deadLetters, alarms };
}

/** The SSM parameters the DIGESTS entries' webhook URLs are read from, each once. */
export function digestWebhookParameters(digests: DigestSchedule[]): string[] {
  return [...new Set(digests.map((digest) => digest.job.webhookSecret!))];
}
