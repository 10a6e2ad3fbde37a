// The daily digests on AWS: one EventBridge Scheduler schedule per digest, invoking the worker
// with the digest's job at its time in its time zone. The webhook URL is read by the worker from
// its SSM SecureString, so the template and the schedules hold only the parameter's name.
// Scheduler delivers at least once, so each job carries the time its schedule fired: the worker
// claims that run before posting, and a second delivery of it posts nothing.
import type { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import { cronExpression, type DigestSchedule } from "../src/digest/schedules.js";

/**
 * A context attribute Scheduler replaces, in the input it sends, with the time the schedule fired
 * (e.g. 2022-03-22T18:59:43Z): the same for every delivery of one run.
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html
 */
export const SCHEDULED_TIME = "<aws.scheduler.scheduled-time>";

/** Adds the digests' schedules and their role (the stack grants the worker their webhook parameters). */
export function scheduleDigests(stack: Stack, worker: lambda.Function, digests: DigestSchedule[]): void {
  if (digests.length === 0) return;
  // Scheduler acts with this role; it may invoke the worker and nothing else, for this account only.
  const role = new iam.Role(stack, "DigestSchedulerRole", {
    description: "Lets the slacktrux digest schedules invoke the worker",
    assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
      conditions: { StringEquals: { "aws:SourceAccount": stack.account } },
    }),
  });
  role.addToPolicy(new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [worker.functionArn] }));

  for (const digest of digests) {
    new scheduler.CfnSchedule(stack, `Digest-${digest.name}`, {
      description: `slacktrux daily digest ${digest.name}`,
      scheduleExpression: cronExpression(digest),
      scheduleExpressionTimezone: digest.timeZone,
      // A lunch digest is due at its minute, not within a window.
      flexibleTimeWindow: { mode: "OFF" },
      state: "ENABLED",
      target: {
        arn: worker.functionArn,
        roleArn: role.roleArn,
        input: JSON.stringify({ ...digest.job, scheduledTime: SCHEDULED_TIME }),
        // If the invoke itself fails (throttling, a service error): a few tries, then give up
        // — a digest much more than 15 minutes late is no longer "for lunch".
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 15 * 60 },
      },
    });
  }
}

/** The SSM parameters the digests' webhook URLs are read from, each once. */
export function digestWebhookParameters(digests: DigestSchedule[]): string[] {
  return [...new Set(digests.map((digest) => digest.job.webhookSecret!))];
}
