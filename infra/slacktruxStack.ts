// Everything slacktrux needs on AWS: a receiver function behind a Function URL (phase 1), a worker
// function it invokes asynchronously (phase 2), a DynamoDB table so each command is answered once,
// a queue that catches jobs the worker could not finish, alarms on both, and one EventBridge
// Scheduler schedule per daily digest, each invoking the worker with its DigestJob.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cloudwatchActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as destinations from "aws-cdk-lib/aws-lambda-destinations";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { IN_PROGRESS_GRACE_SECONDS } from "../src/phases/idempotency.js";
import { scheduleDigests } from "./digestSchedules.js";
import { workerSettingsEnvironment, type SlacktruxSettings } from "./settings.js";

export interface SlacktruxStackProps extends StackProps {
  settings: SlacktruxSettings;
  /** The folder `npm run build` fills: receiver.mjs and worker.mjs, each exporting `handler`. */
  lambdaDir: string;
}

/** The paths Slack is given, for the slash command and for clicks in messages; the Function URL itself accepts any. */
export const COMMAND_PATH = "slack/commands";
export const INTERACTIONS_PATH = "slack/interactions";

export class SlacktruxStack extends Stack {
  constructor(scope: Construct, id: string, props: SlacktruxStackProps) {
    super(scope, id, props);
    const { settings, lambdaDir } = props;

    // Idempotency: one item per command (pk = hash of its response_url) and per scheduled digest
    // run (pk = hash of the digest's name and the time its schedule fired), gone after expiresAt.
    const claims = new dynamodb.Table(this, "CommandClaims", {
      partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: "expiresAt",
      // Claims live 30 minutes (a digest run's a day); nothing in the table is worth keeping after
      // `npm run destroy`.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const worker = new lambda.Function(this, "Worker", {
      ...nodeFunction(lambdaDir, "worker"),
      description: "slacktrux phase 2: reads the tracker and posts the trucks to the command's response_url",
      // A cold worker's first job took ~47 ms of CPU on a full core (import, parse the page, post;
      // the README's Deploy section, test/lambda/coldStart), a warm one ~3 ms. CPU comes with
      // memory: 512 MB is about 0.3 vCPU, so even a cold first job's own work stays near 0.16 s.
      memorySize: 512,
      // The tracker deadline (fulfilDeadlineMs, 10 s by default) plus IN_PROGRESS_GRACE_SECONDS
      // (90 s) for delivery to Slack with its retries: 100 s by default. That is exactly how long
      // an attempt holds its claim on a command or digest run, so no attempt outlives its claim
      // (a timeout ends it first), and Lambda's retry of a timed-out attempt, a minute or more
      // later, finds the claim lapsed. A timeout is a crash, and crashes are retried.
      timeout: Duration.seconds(Math.ceil(Number(settings.fulfilDeadlineMs) / 1000) + IN_PROGRESS_GRACE_SECONDS),
      logGroup: logGroup(this, "WorkerLogs"),
      environment: { ...workerSettingsEnvironment(settings), IDEMPOTENCY_TABLE: claims.tableName },
    });
    // The worker writes claims and nothing else here: a conditional PutItem claims a command or a
    // scheduled digest run, a plain PutItem confirms it once answered. Its one other AWS call,
    // reading each digest's webhook parameter from SSM, is granted in scheduleDigests.
    claims.grant(worker, "dynamodb:PutItem");

    // Jobs that failed every try, or waited too long to start, land here (the event holds the
    // response_url: the queue is encrypted, and the URL is useless after 30 minutes anyway).
    const failedJobs = new sqs.Queue(this, "FailedJobs", {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    worker.configureAsyncInvoke({
      // Two retries: enough for a transient crash, few enough to stay inside the 30-minute window.
      retryAttempts: 2,
      // Slack accepts answers to a response_url for 30 minutes; an older job can only fail.
      maxEventAge: Duration.minutes(30),
      onFailure: new destinations.SqsDestination(failedJobs),
    });

    const receiver = new lambda.Function(this, "Receiver", {
      ...nodeFunction(lambdaDir, "receiver"),
      description: "slacktrux phase 1: checks Slack's signature, answers 'looking…' and invokes the worker",
      // A cold start must fit in Slack's 3 seconds with Node's own start. Ours (import, SSM read,
      // invoke) took ~17 ms of CPU to the first answer on a full core (the README's Deploy
      // section); at 256 MB's share (about 1/7 vCPU) that is ~0.12 s, at 128 MB twice that. A
      // warm request is ~3 ms: more memory would buy nothing.
      memorySize: 256,
      // Slack gives up after 3 seconds; a receiver still running then helps no one.
      timeout: Duration.seconds(3),
      logGroup: logGroup(this, "ReceiverLogs"),
      environment: {
        WORKER_FUNCTION_NAME: worker.functionName,
        // The parameter's name, not the secret: the receiver reads the value from SSM at cold start.
        SLACK_SIGNING_SECRET_PARAMETER: settings.signingSecretParameterName,
        ...(settings.defaultPlace ? { DEFAULT_PLACE: settings.defaultPlace } : {}),
      },
    });
    worker.grantInvoke(receiver);
    receiver.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["ssm:GetParameter"],
        resources: [
          this.formatArn({ service: "ssm", resource: "parameter", resourceName: settings.signingSecretParameterName.replace(/^\//, "") }),
        ],
      }),
    );
    // The AWS managed key aws/ssm lets every principal of the account decrypt through SSM; a
    // customer managed key must grant it, and only by way of SSM.
    if (settings.signingSecretKmsKeyArn) {
      receiver.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ["kms:Decrypt"],
          resources: [settings.signingSecretKmsKeyArn],
          conditions: { StringEquals: { "kms:ViaService": `ssm.${this.region}.amazonaws.com` } },
        }),
      );
    }

    // Slack signs its requests, and the receiver checks every signature: no AWS auth in front.
    const commandUrl = receiver.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    const alarms = [
      new cloudwatch.Alarm(this, "FailedJobsAlarm", {
        alarmDescription: "A /foodtrucks command or daily digest got no answer: its job failed every try. See the FailedJobs queue and the worker's logs.",
        metric: failedJobs.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
        ...atLeastOnce,
      }),
      ...[receiver, worker].map(
        (fn) =>
          new cloudwatch.Alarm(this, `${fn.node.id}ErrorsAlarm`, {
            alarmDescription: `The ${fn.node.id.toLowerCase()} function crashed or timed out. See its logs.`,
            metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
            ...atLeastOnce,
          }),
      ),
    ];
    if (settings.alarmEmail) {
      const topic = new sns.Topic(this, "AlarmTopic");
      topic.addSubscription(new subscriptions.EmailSubscription(settings.alarmEmail));
      for (const alarm of alarms) alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
    }

    scheduleDigests(this, worker, settings.digests);

    new CfnOutput(this, "SlackCommandUrl", {
      description: "Paste into slack/manifest.yaml as the /foodtrucks command's url",
      value: `${commandUrl.url}${COMMAND_PATH}`,
    });
    new CfnOutput(this, "SlackInteractivityUrl", {
      description: "Paste into slack/manifest.yaml as settings.interactivity.request_url (menus and buttons)",
      value: `${commandUrl.url}${INTERACTIONS_PATH}`,
    });
  }
}

const atLeastOnce = {
  threshold: 1,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  evaluationPeriods: 1,
  // No data means nothing happened, which is good news.
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
};

function nodeFunction(lambdaDir: string, name: "receiver" | "worker") {
  const file = `${name}.mjs`;
  if (!existsSync(join(lambdaDir, file))) {
    throw new Error(`${join(lambdaDir, file)} is missing: run \`npm run build\` before synthesizing the stack.`);
  }
  return {
    runtime: lambda.Runtime.NODEJS_24_X,
    // Graviton: about 20% cheaper per GB-second than x86, and the bundles are plain JavaScript.
    architecture: lambda.Architecture.ARM_64,
    // Each function's asset is its one bundled file (the rest of the folder is excluded).
    code: lambda.Code.fromAsset(lambdaDir, { exclude: ["*", `!${file}`] }),
    handler: `${name}.handler`,
  };
}

function logGroup(scope: Construct, id: string): logs.LogGroup {
  return new logs.LogGroup(scope, id, { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
}
