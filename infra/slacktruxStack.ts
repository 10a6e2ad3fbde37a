// Everything slacktrux needs on AWS: a receiver function behind a Function URL (phase 1), a worker
// function it invokes asynchronously (phase 2), each with its own role and log group, a DynamoDB
// table so each command is answered once, a queue that catches jobs the worker could not finish,
// alarms and a dashboard on all of it, and, with daily posts (DIGESTS or set up from Slack), the
// minute's tick and the queue it fans out to (tick.ts).
// cdk-nag's AwsSolutions and Serverless packs run on it in the template tests; what they flag and
// this stack keeps is acknowledged where it is built (`acknowledge` below), each with its reason.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from "aws-cdk-lib";
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
import { DIMENSION_VALUES, METRIC_NAMESPACE, METRICS } from "../src/observe/metricNames.js";
import { IN_PROGRESS_GRACE_SECONDS } from "../src/claims/claimStore.js";
import { DEFAULT_PLACE, DIGESTS } from "../src/config/registry.js";
import {
  CLAIMS_TABLE,
  SLACK_SIGNING_SECRET_PARAMETER,
  WORKER_FUNCTION_NAME,
} from "../src/runtimes/lambda/lambdaSettings.js";
import { RECEIVER_CHUNKS } from "../scripts/bundleSettings.mjs";
import { addDashboard } from "./dashboard.js";
import { addTick, digestWebhookParameters } from "./tick.js";
import { workerSettingsEnvironment, type SlacktruxSettings } from "./settings.js";
import { addInstallations } from "./installations.js";
import { addSubscriptions } from "./subscriptions.js";
import { serveHomeFromReceiver } from "./home.js";

export interface SlacktruxStackProps extends StackProps {
  settings: SlacktruxSettings;
  /** The folder `npm run build` fills: receiver.mjs (with its chunks) and worker.mjs, each exporting `handler`. */
  lambdaDir: string;
}

/** The paths Slack is given, for the slash command and for clicks in messages; the Function URL itself accepts any. */
export const COMMAND_PATH = "slack/commands";
export const INTERACTIONS_PATH = "slack/interactions";

export class SlacktruxStack extends Stack {
  constructor(scope: Construct, id: string, props: SlacktruxStackProps) {
    super(scope, id, props);
    const { settings, lambdaDir } = props;

    // Claims: one item per command (pk = hash of its response_url) and per scheduled digest
    // run (pk = hash of the digest's name and the time its schedule fired), gone after expiresAt.
    const claims = new dynamodb.Table(this, "CommandClaims", {
      partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: "expiresAt",
      // Claims live 30 minutes (a digest run's a day); nothing in the table is worth keeping after
      // `npm run destroy`.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(
      claims,
      "AwsSolutions-DDB3",
      "Claims are disposable: each lives 30 minutes (a digest run's a day) and only stops a second answer; there is nothing to restore.",
    );

    const workerLogs = logGroup(this, "WorkerLogs");
    const worker = new lambda.Function(this, "Worker", {
      ...nodeFunction(lambdaDir, "worker"),
      description: "slacktrux phase 2: reads the tracker and posts the trucks to the command's response_url",
      // A cold worker's first job took ~47 ms of CPU on a full core (import, parse the page, post;
      // docs/ARCHITECTURE.md, bench/coldStart), a warm one ~3 ms. CPU comes with
      // memory: 512 MB is about 0.3 vCPU, so even a cold first job's own work stays near 0.16 s.
      memorySize: 512,
      // The tracker deadline (fulfilDeadlineMs, 10 s by default) plus IN_PROGRESS_GRACE_SECONDS
      // (90 s) for delivery to Slack with its retries: 100 s by default. That is exactly how long
      // an attempt holds its claim on a command or digest run, so no attempt outlives its claim
      // (a timeout ends it first), and Lambda's retry of a timed-out attempt, a minute or more
      // later, finds the claim lapsed. A timeout is a crash, and crashes are retried.
      timeout: Duration.seconds(Math.ceil(Number(settings.fulfilDeadlineMs) / 1000) + IN_PROGRESS_GRACE_SECONDS),
      logGroup: workerLogs,
      role: functionRole(this, "WorkerRole", "slacktrux worker (phase 2)", workerLogs),
      environment: {
        ...workerSettingsEnvironment(settings),
        [CLAIMS_TABLE.name]: claims.tableName,
        // The entries as given (webhooks by SSM parameter name only): the worker's tick reads them.
        ...(settings.digestsJson ? { [DIGESTS.name]: settings.digestsJson } : {}),
      },
    });
    // The worker writes claims: a conditional PutItem claims a command or a scheduled digest run, a
    // plain PutItem confirms it once answered. Its one other AWS call reads webhook URLs from SSM.
    claims.grant(worker, "dynamodb:PutItem");
    grantWebhookParameters(
      this,
      worker,
      [
        ...(settings.webhookParameter ? [settings.webhookParameter] : []),
        ...digestWebhookParameters(settings.digests),
        ...(settings.botTokenParameter ? [settings.botTokenParameter] : []),
      ],
      settings.webhookKmsKeyArn,
    );
    acknowledgeTracing(worker);

    // Jobs that failed every try, or waited too long to start, land here (the event holds the
    // response_url: the queue is encrypted, and the URL is useless after 30 minutes anyway).
    const failedJobs = new sqs.Queue(this, "FailedJobs", {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // cdk-nag looks for a redrive policy pointing at a queue; the worker's on-failure destination
    // is not one, so it cannot see that this queue is the end of the line.
    const deadEnd =
      "This queue is itself the dead-letter destination: the worker's async-invoke on-failure target. A job here is read by a person (the FailedJobs alarm), not redriven.";
    acknowledge(failedJobs, "AwsSolutions-SQS3", deadEnd);
    acknowledge(failedJobs, "Serverless-SQSRedrivePolicy", deadEnd);
    worker.configureAsyncInvoke({
      // Two retries: enough for a transient crash, few enough to stay inside the 30-minute window.
      retryAttempts: 2,
      // Slack accepts answers to a response_url for 30 minutes; an older job can only fail.
      maxEventAge: Duration.minutes(30),
      onFailure: new destinations.SqsDestination(failedJobs),
    });
    acknowledge(
      worker,
      "Serverless-LambdaDLQ",
      "The async-invoke on-failure destination (FailedJobs) catches every failed job with its error and context; a DeadLetterConfig as well would queue each failure twice.",
    );

    const receiverLogs = logGroup(this, "ReceiverLogs");
    const receiver = new lambda.Function(this, "Receiver", {
      ...nodeFunction(lambdaDir, "receiver"),
      description: "slacktrux phase 1: checks Slack's signature, answers 'looking…' and invokes the worker",
      // A cold start must fit in Slack's 3 seconds with Node's own start. Ours (import, SSM read,
      // invoke) took ~17 ms of CPU to the first answer on a full core (docs/ARCHITECTURE.md's
      // measurements); at 256 MB's share (about 1/7 vCPU) that is ~0.12 s, at 128 MB twice that. A
      // warm request is ~3 ms: more memory would buy nothing.
      memorySize: 256,
      // Slack gives up after 3 seconds; a receiver still running then helps no one.
      timeout: Duration.seconds(3),
      logGroup: receiverLogs,
      role: functionRole(this, "ReceiverRole", "slacktrux receiver (phase 1)", receiverLogs),
      // Off by default. Reserving executions keeps Slack answered while the worker or another
      // function uses up the account's concurrency, but Lambda refuses a reservation that leaves
      // the account less than its unreserved minimum (100 on the standard quota of 1,000), and new
      // accounts start with a reduced quota, as low as 10: there any reservation fails the deploy.
      // Set it where the quota allows (e.g. -c receiverReservedConcurrency=5).
      ...(settings.receiverReservedConcurrency
        ? { reservedConcurrentExecutions: settings.receiverReservedConcurrency }
        : {}),
      environment: {
        [WORKER_FUNCTION_NAME.name]: worker.functionName,
        // The parameter's name, not the secret: the receiver reads the value from SSM at cold start.
        [SLACK_SIGNING_SECRET_PARAMETER.name]: settings.signingSecretParameterName,
        ...(settings.defaultPlace ? { [DEFAULT_PLACE.name]: settings.defaultPlace } : {}),
      },
    });
    // Written out rather than worker.grantInvoke(receiver), which adds the worker's ARN + ":*" (every
    // version and alias): the receiver invokes the unqualified function, and only that.
    receiver.addToRolePolicy(
      new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [worker.functionArn] }),
    );
    receiver.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["ssm:GetParameter"],
        resources: [
          this.formatArn({
            service: "ssm",
            resource: "parameter",
            resourceName: settings.signingSecretParameterName.replace(/^\//, ""),
          }),
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

    acknowledge(
      receiver,
      "Serverless-LambdaDLQ",
      "The receiver is only invoked synchronously, by its Function URL; a dead-letter queue applies to asynchronous invokes only. A failed request is answered to Slack at once and logged.",
    );
    acknowledgeTracing(receiver);

    // Slack signs its requests, and the receiver checks every signature: no AWS auth in front.
    const commandUrl = receiver.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    const alarms = [
      new cloudwatch.Alarm(this, "FailedJobsAlarm", {
        alarmDescription:
          "A /foodtrucks command or daily digest got no answer: its job failed every try. See the FailedJobs queue and the worker's logs.",
        metric: failedJobs.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
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
      // The worker reports AccessDenied or a missing table from DynamoDB as ClaimStoreErrors and
      // goes ahead unclaimed, so users still get answers: only this alarm says the deploy is broken.
      new cloudwatch.Alarm(this, "ClaimStoreErrorsAlarm", {
        alarmDescription:
          "The worker cannot use its claims table (AccessDenied or table missing): commands are answered without duplicate protection. Check the worker's role and CLAIMS_TABLE; redeploy the stack.",
        metric: new cloudwatch.MathExpression({
          // One series per Kind, summed: an alarm cannot SEARCH, and the kinds are known.
          expression: `SUM([${DIMENSION_VALUES.claimStoreErrorKind.map((_, index) => `m${index}`).join(", ")}])`,
          usingMetrics: Object.fromEntries(
            DIMENSION_VALUES.claimStoreErrorKind.map((kind, index) => [
              `m${index}`,
              new cloudwatch.Metric({
                namespace: METRIC_NAMESPACE,
                metricName: METRICS.claimStoreErrors,
                dimensionsMap: { Kind: kind },
                statistic: cloudwatch.Stats.SUM,
              }),
            ]),
          ),
          period: Duration.minutes(5),
          label: "Claim store errors",
        }),
        ...atLeastOnce,
      }),
    ];
    const installs =
      settings.slackClientId && settings.clientSecretParameter && settings.publicUrl
        ? {
            slackClientId: settings.slackClientId,
            clientSecretParameter: settings.clientSecretParameter,
            publicUrl: settings.publicUrl.replace(/\/+$/, ""),
            kmsKeyArn: settings.signingSecretKmsKeyArn,
          }
        : undefined;
    // Channel digests and follows set up from Slack, when something can post them: the bot token,
    // or each installed workspace's own.
    const fromSlack = settings.botTokenParameter || installs ? addSubscriptions(this, worker, atLeastOnce) : undefined;
    if (fromSlack) alarms.push(fromSlack.alarm);
    // With them, the App Home and its modals, answered by the receiver.
    if (fromSlack) serveHomeFromReceiver(this, receiver, { claims, subscriptions: fromSlack.table }, settings);
    // One tick a minute posts both DIGESTS and the subscriptions set up from Slack.
    if (fromSlack || settings.digests.length > 0) alarms.push(...addTick(this, worker, atLeastOnce).alarms);

    // Installs from "Add to Slack", when the deploy names the Slack app's client id.
    if (installs) addInstallations(this, { receiver, worker }, { claims }, installs);

    if (settings.alarmEmail) {
      // Alarms are published by CloudWatch itself, over TLS; enforceSSL refuses anyone else's plain HTTP.
      const topic = new sns.Topic(this, "AlarmTopic", { enforceSSL: true });
      const email = new subscriptions.EmailSubscription(settings.alarmEmail);
      topic.addSubscription(email);
      for (const alarm of alarms) alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
      acknowledge(
        topic,
        "Serverless-SNSRedrivePolicy",
        "An alarm email SNS could not deliver would land in a queue nobody reads; the alarm's state stays on the dashboard and in the console, which is where it is looked at next.",
      );
    }

    addDashboard(this, { receiver, worker, failedJobs, alarms });

    new CfnOutput(this, "SlackCommandUrl", {
      description: "Paste into slack/manifest.yaml as the /foodtrucks command's url",
      value: `${commandUrl.url}${COMMAND_PATH}`,
    });
    new CfnOutput(this, "PublicUrl", {
      description:
        "Where people reach slacktrux: give it as -c publicUrl=… (unless you put a domain of your own in front); the install page is at slack/install",
      value: commandUrl.url,
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
    // Each function's asset is its bundled file, and the receiver's the chunks it loads on first
    // use (scripts/build.mjs); the rest of the folder is excluded.
    code: lambda.Code.fromAsset(lambdaDir, {
      exclude: ["*", `!${file}`, ...(name === "receiver" ? [`!${RECEIVER_CHUNKS}`, `!${RECEIVER_CHUNKS}/*`] : [])],
    }),
    handler: `${name}.handler`,
  };
}

/**
 * A function's own role: it may write to its own log group and nothing else until granted more
 * (instead of the AWSLambdaBasicExecutionRole managed policy, which lets it create any log group
 * and write to every one in the account).
 */
function functionRole(scope: Construct, id: string, what: string, logGroup: logs.LogGroup): iam.Role {
  const role = new iam.Role(scope, id, {
    description: `Runs the ${what} function`,
    assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
  });
  // The group exists (the stack creates it): streams and events only, on its own streams.
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resources: [logGroup.logGroupArn],
    }),
  );
  return role;
}

/** The worker reads webhook URLs from these SSM SecureStrings, and from no other; through SSM, with `kmsKeyArn` if they use it. */
function grantWebhookParameters(
  stack: Stack,
  worker: lambda.Function,
  names: string[],
  kmsKeyArn: string | undefined,
): void {
  const unique = [...new Set(names)];
  if (unique.length === 0) return;
  worker.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ["ssm:GetParameter"],
      resources: unique.map((name) =>
        stack.formatArn({ service: "ssm", resource: "parameter", resourceName: name.replace(/^\//, "") }),
      ),
    }),
  );
  // As for the signing secret: aws/ssm needs no grant; a customer managed key does, by way of SSM only.
  if (kmsKeyArn) {
    worker.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["kms:Decrypt"],
        resources: [kmsKeyArn],
        conditions: { StringEquals: { "kms:ViaService": `ssm.${stack.region}.amazonaws.com` } },
      }),
    );
  }
}

/** Records, on the construct, why a cdk-nag finding on it stays (the template tests fail on any other). */
function acknowledge(construct: Construct, id: string, reason: string): void {
  Validations.of(construct).acknowledge({ id, reason });
}

function acknowledgeTracing(fn: lambda.Function): void {
  acknowledge(
    fn,
    "Serverless-LambdaTracing",
    "X-Ray adds cold-start time to a path with a 3-second budget and needs xray:PutTraceSegments on '*'; the two hops are followed instead by the requestId in both functions' logs and the slacktrux metrics on the dashboard.",
  );
}

function logGroup(scope: Construct, id: string): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    retention: logs.RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}
