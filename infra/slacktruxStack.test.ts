// The synthesized CloudFormation template, checked point by point against what the stack promises.
// Synthesizing needs dist/lambda/ (npm test builds it first).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import * as iam from "aws-cdk-lib/aws-iam";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFulfilConfig } from "../src/config/fulfilConfig.js";
import { allSettings } from "../src/config/registry.js";
import { lambdaSettings } from "../src/runtimes/lambda/lambdaSettings.js";
import { DIMENSION_VALUES, METRIC_NAMESPACE, METRICS } from "../src/observe/metricNames.js";
import { readDigests } from "../src/digest/schedules.js";
import { CLAIM_STORE_MARGIN_SECONDS, IN_PROGRESS_GRACE_SECONDS } from "../src/claims/claimStore.js";
import { jobBudgetMs } from "../src/claims/claim.js";
import { readSettings } from "./settings.js";
import { SlacktruxStack } from "./slacktruxStack.js";

const lambdaDir = fileURLToPath(new URL("../dist/lambda/", import.meta.url));

// Every synthesis writes a cloud assembly: into one folder of ours, removed when the file is done,
// rather than a cdk.out* folder per synthesis left in the temp folder.
const assemblies = mkdtempSync(join(tmpdir(), "slacktrux-cdk-test-"));
afterAll(() => rmSync(assemblies, { recursive: true, force: true }));
let synthesized = 0;
const newApp = () => new App({ outdir: join(assemblies, String(synthesized++)) });

function synthesize(context: Record<string, unknown> = {}, dir = lambdaDir) {
  const app = newApp();
  const stack = new SlacktruxStack(app, "Slacktrux", { settings: readSettings((key) => context[key]), lambdaDir: dir });
  return { app, stack, template: Template.fromStack(stack) };
}

const KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const VIA_SSM = {
  StringEquals: { "kms:ViaService": { "Fn::Join": ["", ["ssm.", { Ref: "AWS::Region" }, ".amazonaws.com"]] } },
};
const parameterArn = (name: string) => ({
  "Fn::Join": [
    "",
    [
      "arn:",
      { Ref: "AWS::Partition" },
      ":ssm:",
      { Ref: "AWS::Region" },
      ":",
      { Ref: "AWS::AccountId" },
      `:parameter/${name}`,
    ],
  ],
});
/** Every setting that adds resources or grants, at once: what cdk-nag must also find clean. */
const EVERYTHING = {
  defaultPlace: "Farragut Square",
  alarmEmail: "ops@example.com",
  signingSecretKmsKeyArn: KMS_KEY,
  webhookParameter: "/slacktrux/webhook",
  webhookKmsKeyArn: KMS_KEY,
  receiverReservedConcurrency: 5,
  digests: [{ name: "lunch", time: "11:30", places: ["farragut"], webhookParameter: "/slacktrux/digest-webhook" }],
  botTokenParameter: "/slacktrux/bot-token",
  defaultTimeZone: "America/Chicago",
  followTime: "10:45",
  slackClientId: "1234.5678",
  clientSecretParameter: "/slacktrux/client-secret",
  publicUrl: "https://trucks.example.com/",
};

type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = (template: Template, type: string) =>
  Object.entries(template.findResources(type) as Record<string, Resource>);
const logicalId = (template: Template, type: string, idStart: string) =>
  resources(template, type).find(([id]) => id.startsWith(idStart))![0];

describe("the Slacktrux stack", () => {
  let app: App;
  let template: Template;
  let receiverId: string;
  let workerId: string;
  beforeAll(() => {
    ({ app, template } = synthesize());
    receiverId = logicalId(template, "AWS::Lambda::Function", "Receiver");
    workerId = logicalId(template, "AWS::Lambda::Function", "Worker");
  });

  it("sets only variables the configuration registry declares for that function", () => {
    const { template } = synthesize(EVERYTHING);
    const runtimeOf = { Receiver: "receiver", Worker: "worker" } as const;
    for (const [id, fn] of resources(template, "AWS::Lambda::Function")) {
      const runtime = id.startsWith("Receiver") ? runtimeOf.Receiver : runtimeOf.Worker;
      const variables = Object.keys((fn.Properties.Environment as { Variables: object }).Variables);
      const undeclared = variables.filter(
        (name) =>
          ![...allSettings(), ...lambdaSettings()].some(
            (setting) => setting.name === name && setting.readBy.includes(runtime),
          ),
      );
      expect(undeclared, id).toEqual([]);
    }
  });

  it("runs both functions on nodejs24.x, arm64, with the memory and timeouts chosen", () => {
    template.resourceCountIs("AWS::Lambda::Function", 2);
    template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "receiver.handler",
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      MemorySize: 256,
      Timeout: 3,
    });
    template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "worker.handler",
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      MemorySize: 512,
      // The 10 s tracker deadline plus the 90 s an attempt's claim outlasts it.
      Timeout: 100,
    });
  });

  it("deploys each function as its bundled file, the receiver with the chunks it loads on first use", () => {
    const assembly = app.synth();
    const assets = readdirSync(assembly.directory).filter((name) => name.startsWith("asset."));
    const contents = assets.map((asset) => readdirSync(join(assembly.directory, asset), { recursive: true }).sort());
    const chunks = readdirSync(join(lambdaDir, "receiver-chunks")).map((chunk) => join("receiver-chunks", chunk));
    expect(chunks.length).toBeGreaterThan(0);
    expect(contents.sort()).toEqual([["receiver-chunks", ...chunks, "receiver.mjs"].sort(), ["worker.mjs"]]);
  });

  it("puts the receiver behind a Function URL without AWS auth (Slack signs its requests)", () => {
    template.resourceCountIs("AWS::Lambda::Url", 1);
    template.hasResourceProperties("AWS::Lambda::Url", {
      AuthType: "NONE",
      TargetFunctionArn: { "Fn::GetAtt": [receiverId, "Arn"] },
    });
  });

  it("outputs the URL to give Slack: the Function URL + slack/commands", () => {
    const urlId = logicalId(template, "AWS::Lambda::Url", "Receiver");
    template.hasOutput("SlackCommandUrl", {
      Value: { "Fn::Join": ["", [{ "Fn::GetAtt": [urlId, "FunctionUrl"] }, "slack/commands"]] },
    });
  });

  it("outputs the interactivity URL beside it: the Function URL + slack/interactions", () => {
    const urlId = logicalId(template, "AWS::Lambda::Url", "Receiver");
    template.hasOutput("SlackInteractivityUrl", {
      Value: { "Fn::Join": ["", [{ "Fn::GetAtt": [urlId, "FunctionUrl"] }, "slack/interactions"]] },
    });
  });

  it("schedules nothing without digests", () => {
    template.resourceCountIs("AWS::Scheduler::Schedule", 0);
    template.resourceCountIs("AWS::IAM::Role", 2);
  });

  it("gives each function its own role, with no managed policy, that may write to its own log group only", () => {
    for (const [roleIdStart, groupIdStart, functionId] of [
      ["ReceiverRole", "ReceiverLogs", receiverId],
      ["WorkerRole", "WorkerLogs", workerId],
    ] as const) {
      const roleId = logicalId(template, "AWS::IAM::Role", roleIdStart);
      const role = template.findResources("AWS::IAM::Role")[roleId] as Resource;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect((role.Properties.AssumeRolePolicyDocument as { Statement: unknown[] }).Statement).toEqual([
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]);
      expect((template.findResources("AWS::Lambda::Function")[functionId] as Resource).Properties.Role).toEqual({
        "Fn::GetAtt": [roleId, "Arn"],
      });
      const groupId = logicalId(template, "AWS::Logs::LogGroup", groupIdStart);
      const logs = policyStatements(template, roleIdStart).filter((statement) =>
        JSON.stringify(statement).includes("logs:"),
      );
      expect(logs).toEqual([
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: { "Fn::GetAtt": [groupId, "Arn"] },
        },
      ]);
    }
  });

  it("reserves no concurrency for the receiver by default (new accounts cannot)", () => {
    for (const [, fn] of resources(template, "AWS::Lambda::Function"))
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it("retries the worker's async invokes twice, within 30 minutes, then sends the job to an SQS queue", () => {
    const queueId = logicalId(template, "AWS::SQS::Queue", "FailedJobs");
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: workerId },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 1800,
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [queueId, "Arn"] } } },
    });
    template.hasResourceProperties("AWS::SQS::Queue", { SqsManagedSseEnabled: true });
  });

  it("alarms when a failed job is queued and when either function errs", () => {
    const queueId = logicalId(template, "AWS::SQS::Queue", "FailedJobs");
    const atLeastOne = { Threshold: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold", EvaluationPeriods: 1 };
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      ...atLeastOne,
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [queueId, "QueueName"] } }],
    });
    for (const functionId of [receiverId, workerId]) {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        ...atLeastOne,
        Namespace: "AWS/Lambda",
        MetricName: "Errors",
        Dimensions: [{ Name: "FunctionName", Value: { Ref: functionId } }],
      });
    }
    template.resourceCountIs("AWS::SNS::Topic", 0);
  });

  it("alarms loudly when the claim store is misconfigured: ClaimStoreErrors of any kind", () => {
    const alarm = resources(template, "AWS::CloudWatch::Alarm").find(([id]) =>
      id.startsWith("ClaimStoreErrorsAlarm"),
    )![1].Properties;
    expect(alarm).toMatchObject({
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      EvaluationPeriods: 1,
      TreatMissingData: "notBreaching",
    });
    const queries = alarm.Metrics as {
      Id: string;
      Expression?: string;
      ReturnData?: boolean;
      MetricStat?: { Metric: unknown; Stat: string; Period: number };
    }[];
    expect(queries.find((query) => query.Expression)).toMatchObject({ Expression: "SUM([m0, m1])" });
    const series = queries.filter((query) => query.MetricStat).map((query) => query.MetricStat!);
    expect(series.map((stat) => stat.Metric)).toEqual(
      DIMENSION_VALUES.claimStoreErrorKind.map((kind) => ({
        Namespace: METRIC_NAMESPACE,
        MetricName: METRICS.claimStoreErrors,
        Dimensions: [{ Name: "Kind", Value: kind }],
      })),
    );
    for (const stat of series) expect(stat).toMatchObject({ Stat: "Sum", Period: 300 });
  });

  it("has one dashboard graphing every slacktrux metric, the failed-jobs queue and every alarm", () => {
    const dashboards = resources(template, "AWS::CloudWatch::Dashboard");
    expect(dashboards).toHaveLength(1);
    // The body is JSON joined with the region and the resources' names.
    const joined = (dashboards[0]![1].Properties.DashboardBody as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1];
    const body = joined.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join("");
    for (const name of Object.values(METRICS)) expect(body).toContain(`"${METRIC_NAMESPACE}","${name}"`);
    for (const values of Object.values(DIMENSION_VALUES))
      for (const value of values) expect(body).toContain(`"${value}"`);
    expect(body).toContain('"p50"');
    expect(body).toContain('"p99"');
    expect(body).toContain("ApproximateNumberOfMessagesVisible");
    expect(body).toContain('"type":"alarm"');
    for (const [id] of resources(template, "AWS::CloudWatch::Alarm"))
      expect(body).toContain(JSON.stringify({ "Fn::GetAtt": [id, "Arn"] }));
  });

  it("lets the receiver write its logs, invoke the worker (unqualified: no version or alias) and read the one parameter, nothing more", () => {
    const statements = policyStatements(template, "ReceiverRole");
    expect(statements).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: { "Fn::GetAtt": [logicalId(template, "AWS::Logs::LogGroup", "ReceiverLogs"), "Arn"] },
      },
      { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: { "Fn::GetAtt": [workerId, "Arn"] } },
      {
        Effect: "Allow",
        Action: "ssm:GetParameter",
        Resource: {
          "Fn::Join": [
            "",
            [
              "arn:",
              { Ref: "AWS::Partition" },
              ":ssm:",
              { Ref: "AWS::Region" },
              ":",
              { Ref: "AWS::AccountId" },
              ":parameter/slacktrux/signing-secret",
            ],
          ],
        },
      },
    ]);
  });

  it("lets the worker write its logs and claim commands in its table (and Lambda queue its failed jobs), nothing more", () => {
    const tableId = logicalId(template, "AWS::DynamoDB::Table", "CommandClaims");
    const queueId = logicalId(template, "AWS::SQS::Queue", "FailedJobs");
    expect(policyStatements(template, "WorkerRole")).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: { "Fn::GetAtt": [logicalId(template, "AWS::Logs::LogGroup", "WorkerLogs"), "Arn"] },
      },
      { Effect: "Allow", Action: "dynamodb:PutItem", Resource: [{ "Fn::GetAtt": [tableId, "Arn"] }] },
      {
        Effect: "Allow",
        Action: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
        Resource: { "Fn::GetAtt": [queueId, "Arn"] },
      },
    ]);
  });

  it("grants no action on every resource ('*')", () => {
    const everyStatement = resources(template, "AWS::IAM::Policy").flatMap(
      ([, policy]) => (policy.Properties.PolicyDocument as { Statement: { Resource: unknown }[] }).Statement,
    );
    for (const statement of everyStatement) expect([statement.Resource].flat()).not.toContain("*");
  });

  it("keeps the signing secret out of the template: the receiver gets the parameter's name", () => {
    const receiver = template.findResources("AWS::Lambda::Function")[receiverId] as Resource;
    const variables = (receiver.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables).toMatchObject({
      SLACK_SIGNING_SECRET_PARAMETER: "/slacktrux/signing-secret",
      WORKER_FUNCTION_NAME: { Ref: workerId },
    });
    for (const [, fn] of resources(template, "AWS::Lambda::Function")) {
      expect(Object.keys((fn.Properties.Environment as { Variables: object }).Variables)).not.toContain(
        "SLACK_SIGNING_SECRET",
      );
    }
    template.resourceCountIs("AWS::SSM::Parameter", 0);
  });

  it("configures the worker from the settings, with the table's name", () => {
    const tableId = logicalId(template, "AWS::DynamoDB::Table", "CommandClaims");
    template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "worker.handler",
      Environment: {
        Variables: {
          TRACKER_URL: "https://foodtruckfiesta.com/dc-food-truck-list/",
          SLACK_RESPONSE_URL_HOSTS: "hooks.slack.com",
          TRACKER_CACHE_SECONDS: "300",
          FULFIL_DEADLINE_MS: "10000",
          CLAIMS_TABLE: { Ref: tableId },
        },
      },
    });
  });

  it("keeps each function's logs a month, in a log group the stack owns", () => {
    template.resourceCountIs("AWS::Logs::LogGroup", 2);
    for (const [id, fn] of [
      ["ReceiverLogs", receiverId],
      ["WorkerLogs", workerId],
    ] as const) {
      const groupId = logicalId(template, "AWS::Logs::LogGroup", id);
      expect(template.findResources("AWS::Logs::LogGroup")[groupId]).toMatchObject({
        Properties: { RetentionInDays: 30 },
        DeletionPolicy: "Delete",
      });
      const props = (template.findResources("AWS::Lambda::Function")[fn] as Resource).Properties;
      expect(props.LoggingConfig).toEqual({ LogGroup: { Ref: groupId } });
    }
  });

  it("stores claims in a pay-per-request table keyed by pk, expiring by expiresAt, removed with the stack", () => {
    template.hasResource("AWS::DynamoDB::Table", {
      Properties: {
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      },
      DeletionPolicy: "Delete",
    });
  });
});

describe("the Slacktrux stack's settings", () => {
  it("passes the optional settings through: default place, webhook parameter, alarm email, customer KMS key", () => {
    const { template } = synthesize({
      defaultPlace: "Farragut Square",
      webhookParameter: "/slacktrux/webhook",
      alarmEmail: "ops@example.com",
      signingSecretParameterName: "/team/slacktrux/secret",
      signingSecretKmsKeyArn: KMS_KEY,
    });
    template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "receiver.handler",
      Environment: {
        Variables: Match.objectLike({
          DEFAULT_PLACE: "Farragut Square",
          SLACK_SIGNING_SECRET_PARAMETER: "/team/slacktrux/secret",
        }),
      },
    });
    template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "worker.handler",
      Environment: { Variables: Match.objectLike({ SLACK_WEBHOOK_PARAMETER: "/slacktrux/webhook" }) },
    });
    template.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: "ops@example.com" });
    const topicId = logicalId(template, "AWS::SNS::Topic", "AlarmTopic");
    const alarms = resources(template, "AWS::CloudWatch::Alarm");
    expect(alarms).toHaveLength(4);
    for (const [, alarm] of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    expect(policyStatements(template, "ReceiverRole")).toContainEqual({
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: KMS_KEY,
      Condition: VIA_SSM,
    });
    // The signing secret's key is the receiver's alone.
    expect(JSON.stringify(policyStatements(template, "WorkerRole"))).not.toContain("kms:");
  });

  it("takes the channel webhook from an SSM SecureString: the worker gets its name and may read it, and no other", () => {
    const { template } = synthesize({ webhookParameter: "/slacktrux/webhook" });
    const worker = resources(template, "AWS::Lambda::Function").find(([id]) => id.startsWith("Worker"))![1];
    const variables = (worker.Properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(variables.SLACK_WEBHOOK_PARAMETER).toBe("/slacktrux/webhook");
    expect(Object.keys(variables)).not.toContain("SLACK_WEBHOOK_URL");
    const ssm = policyStatements(template, "WorkerRole").filter((statement) =>
      JSON.stringify(statement).includes("ssm:"),
    );
    expect(ssm).toEqual([{ Effect: "Allow", Action: "ssm:GetParameter", Resource: parameterArn("slacktrux/webhook") }]);
    // aws/ssm needs no grant: without webhookKmsKeyArn, none.
    expect(JSON.stringify(policyStatements(template, "WorkerRole"))).not.toContain("kms:");
    expect(() => synthesize({ webhookParameter: "https://hooks.slack.com/services/T0" })).toThrow(
      /^invalid CDK context: webhookParameter must be an SSM parameter name/,
    );
  });

  it("lets the worker decrypt webhook parameters with a customer managed key, only by way of SSM", () => {
    const { template } = synthesize({ webhookParameter: "/slacktrux/webhook", webhookKmsKeyArn: KMS_KEY });
    expect(policyStatements(template, "WorkerRole")).toContainEqual({
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: KMS_KEY,
      Condition: VIA_SSM,
    });
    expect(JSON.stringify(policyStatements(template, "ReceiverRole"))).not.toContain("kms:");
    // A digest's parameter is enough to need it.
    const { template: digestsOnly } = synthesize({ webhookKmsKeyArn: KMS_KEY, digests: EVERYTHING.digests });
    expect(policyStatements(digestsOnly, "WorkerRole")).toContainEqual({
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: KMS_KEY,
      Condition: VIA_SSM,
    });
    // A key with no parameter to decrypt, or that is not a key's ARN, is a mistake.
    expect(() => synthesize({ webhookKmsKeyArn: KMS_KEY })).toThrow(
      /^invalid CDK context: webhookKmsKeyArn is set, but no webhookParameter/,
    );
    expect(() =>
      synthesize({ webhookParameter: "/p", webhookKmsKeyArn: "arn:aws:kms:us-east-1:111122223333:alias/slacktrux" }),
    ).toThrow(/^invalid CDK context: webhookKmsKeyArn must be a KMS key's ARN/);
    expect(() => synthesize({ signingSecretKmsKeyArn: "1234abcd" })).toThrow(
      /^invalid CDK context: signingSecretKmsKeyArn must be a KMS key's ARN/,
    );
  });

  it("reserves concurrency for the receiver when asked, as a whole number from 1", () => {
    for (const receiverReservedConcurrency of ["5", 5]) {
      const { template } = synthesize({ receiverReservedConcurrency });
      template.hasResourceProperties("AWS::Lambda::Function", {
        Handler: "receiver.handler",
        ReservedConcurrentExecutions: 5,
      });
      const worker = resources(template, "AWS::Lambda::Function").find(([id]) => id.startsWith("Worker"))![1];
      expect(worker.Properties.ReservedConcurrentExecutions).toBeUndefined();
    }
    for (const receiverReservedConcurrency of ["0", "-1", "2.5", "1e3", "many", 0]) {
      expect(() => synthesize({ receiverReservedConcurrency })).toThrow(
        /^invalid CDK context: receiverReservedConcurrency must be a whole number of executions from 1/,
      );
    }
  });

  it("gives the worker its tracker deadline plus the in-progress claim's grace, so no attempt outlives its claim", () => {
    expect(IN_PROGRESS_GRACE_SECONDS).toBe(90);
    const { template } = synthesize({ fulfilDeadlineMs: "25000" });
    template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "worker.handler",
      Timeout: 25 + IN_PROGRESS_GRACE_SECONDS,
    });
    // A job's tracker read and deliveries end well inside that timeout (claims/claim.ts).
    expect((25 + IN_PROGRESS_GRACE_SECONDS) * 1000 - jobBudgetMs(25_000)).toBeGreaterThanOrEqual(
      CLAIM_STORE_MARGIN_SECONDS * 1000,
    );
    // A deadline in part-seconds rounds up: the claim is taken for whole seconds the same way.
    const { template: rounded } = synthesize({ fulfilDeadlineMs: "2500" });
    rounded.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "worker.handler",
      Timeout: 3 + IN_PROGRESS_GRACE_SECONDS,
    });
  });

  const SELECTORS = { container: "main .schedule", placeHeading: "h3", truckLink: "li a" };

  it("passes a selectors tracker to the worker: trackerKind and trackerSelectors, as JSON text or (cdk.json) an object", () => {
    for (const trackerSelectors of [JSON.stringify(SELECTORS), SELECTORS]) {
      const { template } = synthesize({
        trackerKind: "selectors",
        trackerSelectors,
        trackerUrl: "https://pods.example/today",
      });
      template.hasResourceProperties("AWS::Lambda::Function", {
        Handler: "worker.handler",
        Environment: {
          Variables: Match.objectLike({
            TRACKER_KIND: "selectors",
            TRACKER_URL: "https://pods.example/today",
            TRACKER_SELECTORS: Match.anyValue(),
          }),
        },
      });
      const worker = resources(template, "AWS::Lambda::Function").find(([id]) => id.startsWith("Worker"))![1];
      const variables = (worker.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(JSON.parse(variables.TRACKER_SELECTORS!)).toEqual(SELECTORS);
      // What the worker will read at start-up.
      expect(readFulfilConfig(variables).layout.kind).toBe("selectors");
    }
  });

  it("leaves TRACKER_KIND and TRACKER_SELECTORS unset by default (the worker reads Food Truck Fiesta)", () => {
    const { template } = synthesize();
    const worker = resources(template, "AWS::Lambda::Function").find(([id]) => id.startsWith("Worker"))![1];
    const variables = (worker.Properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(Object.keys(variables)).not.toContain("TRACKER_KIND");
    expect(Object.keys(variables)).not.toContain("TRACKER_SELECTORS");
  });

  it("refuses a selectors tracker that the worker would refuse, naming the context keys", () => {
    const selectors = JSON.stringify(SELECTORS);
    // No trackerUrl: the default page is Food Truck Fiesta's, which a selectors tracker cannot read.
    expect(() => synthesize({ trackerKind: "selectors", trackerSelectors: selectors })).toThrow(
      /^invalid CDK context: trackerUrl must be set for a selectors tracker: the default page is Food Truck Fiesta's$/,
    );
    expect(() => synthesize({ trackerKind: "selectors", trackerUrl: "https://pods.example/" })).toThrow(
      /^invalid CDK context: trackerKind=selectors needs trackerSelectors, e\.g\. \{"container"/,
    );
    expect(() => synthesize({ trackerSelectors: selectors })).toThrow(
      /^invalid CDK context: trackerSelectors is set, so set trackerKind=selectors too/,
    );
    expect(() => synthesize({ trackerKind: "cheerio" })).toThrow(
      /^invalid CDK context: trackerKind must be one of foodtruckfiesta, selectors$/,
    );
    expect(() =>
      synthesize({
        trackerKind: "selectors",
        trackerUrl: "https://pods.example/",
        trackerSelectors: '{"container": "main", "placeHeading": "h3[", "truckLink": "a"}',
      }),
    ).toThrow(/^invalid CDK context: trackerSelectors has an invalid CSS selector in "placeHeading"/);
  });

  it("refuses any webhookUrl (it would be plain text in the template), naming webhookParameter instead and never the value", () => {
    for (const webhookUrl of [
      "https://hooks.slack.com/services/T0/B0/very-secret",
      "http://hooks.slack.com/services/very-secret",
      "",
    ]) {
      let message = "";
      try {
        synthesize({ webhookUrl, webhookParameter: "/slacktrux/webhook" });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(
        /^invalid CDK context: webhookUrl is no longer accepted.*SSM SecureString.*webhookParameter$/,
      );
      expect(message).not.toContain("very-secret");
    }
  });

  it("refuses bad settings at synth time, naming the context key", () => {
    expect(() => synthesize({ trackerCacheSeconds: "soon" })).toThrow(/trackerCacheSeconds must be a number/);
    expect(() => synthesize({ trackerUrl: "./samples/page.html" })).toThrow(/trackerUrl must be an http\(s\) URL/);
    expect(() => synthesize({ signingSecretParameterName: "secret value!" })).toThrow(/signingSecretParameterName/);
  });

  it("says to build first when dist/lambda is missing", () => {
    expect(() => synthesize({}, "/nonexistent/dist/lambda")).toThrow(
      /dist\/lambda\/worker\.mjs is missing: run `npm run build`/,
    );
  });
});

describe("the Slacktrux stack's daily digests", () => {
  const digests = [
    { name: "lunch", time: "11:30", places: ["farragut", "franklin"], webhookParameter: "/slacktrux/digest-webhook" },
    {
      name: "weekend",
      time: "09:05",
      days: "sat,sun",
      timeZone: "America/Los_Angeles",
      places: ["cartopia"],
      webhookParameter: "team-digest",
    },
  ];
  let template: Template;
  let workerId: string;
  beforeAll(() => {
    ({ template } = synthesize({ digests: JSON.stringify(digests) }));
    workerId = logicalId(template, "AWS::Lambda::Function", "Worker");
  });

  const workerVariables = (t: Template) =>
    (
      (t.toJSON().Resources[logicalId(t, "AWS::Lambda::Function", "Worker")] as Resource).Properties.Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;

  it("schedules no run per digest: the worker gets DIGESTS as given, and the one minute tick posts them", () => {
    const schedules = resources(template, "AWS::Scheduler::Schedule").map(([, schedule]) => schedule.Properties);
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({
      ScheduleExpression: "rate(1 minute)",
      FlexibleTimeWindow: { Mode: "OFF" },
      State: "ENABLED",
      Target: {
        Arn: { "Fn::GetAtt": [workerId, "Arn"] },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 900 },
      },
    });
    expect(JSON.parse((schedules[0]!.Target as { Input: string }).Input)).toEqual({
      kind: "tick",
      time: "<aws.scheduler.scheduled-time>",
    });
    const declared = readDigests(workerVariables(template).DIGESTS, { webhookUrlAllowed: false });
    expect(declared.map((digest) => [digest.name, digest.job.webhookSecret, digest.timeZone])).toEqual([
      ["lunch", "/slacktrux/digest-webhook", "America/New_York"],
      ["weekend", "team-digest", "America/Los_Angeles"],
    ]);
  });

  it("lets only EventBridge Scheduler, for this account, assume the tick's role, which may invoke the worker and nothing else", () => {
    const roleId = logicalId(template, "AWS::IAM::Role", "TickSchedulerRole");
    const role = template.findResources("AWS::IAM::Role")[roleId] as Resource;
    expect((role.Properties.AssumeRolePolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      {
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
      },
    ]);
    expect(policyStatements(template, "TickSchedulerRole")).toEqual([
      { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: { "Fn::GetAtt": [workerId, "Arn"] } },
    ]);
  });

  it("fans the tick out: a queue of due posts, one batch per invocation with partial failures, dead-lettered after 3 tries", () => {
    const [queueId] = resources(template, "AWS::SQS::Queue").find(
      ([id]) => id.startsWith("DuePosts") && !id.startsWith("DuePostsDeadLetters"),
    )!;
    const deadId = logicalId(template, "AWS::SQS::Queue", "DuePostsDeadLetters");
    const queue = template.toJSON().Resources[queueId] as Resource;
    expect(queue.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [deadId, "Arn"] }, maxReceiveCount: 3 },
    });
    // At least the worker's timeout, as Lambda requires of a queue it consumes.
    const timeout = (template.toJSON().Resources[workerId] as Resource).Properties.Timeout as number;
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(timeout);
    const [[, mapping]] = resources(template, "AWS::Lambda::EventSourceMapping") as [[string, Resource]];
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: { "Fn::GetAtt": [queueId, "Arn"] },
      FunctionName: { Ref: workerId },
      BatchSize: 1,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: 10 },
    });
    expect(workerVariables(template).DUE_POSTS_QUEUE_URL).toEqual({ Ref: queueId });
    expect(policyStatements(template, "WorkerRole")).toContainEqual({
      Effect: "Allow",
      Action: "sqs:SendMessage",
      Resource: { "Fn::GetAtt": [queueId, "Arn"] },
    });
  });

  it("alarms when a batch of due posts is dead-lettered, and when due posts wait in the queue over 5 minutes", () => {
    const alarms = resources(template, "AWS::CloudWatch::Alarm").map(([id, alarm]) => [id, alarm.Properties] as const);
    const dead = alarms.find(([id]) => id.startsWith("DeadDuePostsAlarm"))![1];
    expect(dead).toMatchObject({ MetricName: "ApproximateNumberOfMessagesVisible", Threshold: 1 });
    const late = alarms.find(([id]) => id.startsWith("LateDuePostsAlarm"))![1];
    expect(late).toMatchObject({ MetricName: "ApproximateAgeOfOldestMessage", Threshold: 300 });
  });

  it("lets the worker read the digests' webhook parameters, and no other", () => {
    const ssm = policyStatements(template, "WorkerRole").filter((statement) =>
      JSON.stringify(statement).includes("ssm:"),
    );
    expect(ssm).toEqual([
      {
        Effect: "Allow",
        Action: "ssm:GetParameter",
        Resource: [parameterArn("slacktrux/digest-webhook"), parameterArn("team-digest")],
      },
    ]);
  });

  it("adds the channel's webhook parameter to the digests' in one statement, each parameter once", () => {
    const { template: both } = synthesize({ digests, webhookParameter: "/slacktrux/digest-webhook" });
    const ssm = policyStatements(both, "WorkerRole").filter((statement) => JSON.stringify(statement).includes("ssm:"));
    expect(ssm).toEqual([
      {
        Effect: "Allow",
        Action: "ssm:GetParameter",
        Resource: [parameterArn("slacktrux/digest-webhook"), parameterArn("team-digest")],
      },
    ]);
  });

  it("keeps webhook URLs out of the template", () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/hooks\.slack\.com\/services/);
  });

  it("reads digests given as a list in cdk.json as well as JSON text on the command line", () => {
    const { template: fromList } = synthesize({ digests });
    expect(workerVariables(fromList).DIGESTS).toBe(workerVariables(template).DIGESTS);
  });

  it("refuses bad digests at synth time, naming the entry and key and never the value", () => {
    const secretUrl = "https://hooks.slack.com/services/T0/B0/very-secret";
    const refused = (entry: Record<string, unknown>) => {
      try {
        synthesize({ digests: JSON.stringify([entry]) });
      } catch (error) {
        expect((error as Error).message).not.toContain("very-secret");
        return (error as Error).message;
      }
      throw new Error("expected the digest to be refused");
    };
    expect(refused({ time: "11:30", places: ["farragut"], webhookUrl: secretUrl })).toMatch(
      /^invalid CDK context: digests\[0\]\.webhookUrl cannot be used here: .*secret.*webhookSecret/,
    );
    expect(refused({ time: "11:70", places: ["farragut"], webhookParameter: "/p" })).toMatch(
      /digests\[0\]\.time must be a 24-hour "HH:MM"/,
    );
    expect(refused({ time: "11:30", places: [], webhookParameter: "/p" })).toMatch(
      /digests\[0\]\.places must be a list/,
    );
    expect(() => synthesize({ digests: "[{time: 11:30}]" })).toThrow(/digests must be JSON/);
  });
});

describe("the Slacktrux stack's subscriptions set up from Slack", () => {
  let template: Template;
  let workerId: string;
  beforeAll(() => {
    ({ template } = synthesize({ botTokenParameter: "/slacktrux/bot-token", defaultTimeZone: "America/Chicago" }));
    workerId = logicalId(template, "AWS::Lambda::Function", "Worker");
  });

  it("creates nothing for them without a bot token parameter", () => {
    const { template: plain } = synthesize();
    expect(resources(plain, "AWS::DynamoDB::Table")).toHaveLength(1);
    expect(resources(plain, "AWS::Scheduler::Schedule")).toHaveLength(0);
  });

  it("keeps subscriptions in a table kept on destroy, with point-in-time recovery, the due index, the team index and a TTL for refused runs", () => {
    const tableId = logicalId(template, "AWS::DynamoDB::Table", "Subscriptions");
    const table = template.toJSON().Resources[tableId] as Resource & {
      DeletionPolicy: string;
      UpdateReplacePolicy: string;
    };
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.UpdateReplacePolicy).toBe("Retain");
    expect(table.Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "due",
          KeySchema: [
            { AttributeName: "due", KeyType: "HASH" },
            { AttributeName: "sk", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
        {
          IndexName: "team",
          KeySchema: [
            { AttributeName: "teamId", KeyType: "HASH" },
            { AttributeName: "createdBy", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    });
  });

  it("invokes the worker every minute with a tick carrying the minute it fired", () => {
    const [[, schedule]] = resources(template, "AWS::Scheduler::Schedule") as [[string, Resource]];
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: "rate(1 minute)",
      FlexibleTimeWindow: { Mode: "OFF" },
      Target: { Arn: { "Fn::GetAtt": [workerId, "Arn"] } },
    });
    const target = schedule.Properties.Target as { Input: string };
    expect(JSON.parse(target.Input)).toEqual({ kind: "tick", time: "<aws.scheduler.scheduled-time>" });
  });

  it("gives the worker the table's name and the token parameter's name (never a token), and may read that parameter", () => {
    const worker = template.toJSON().Resources[workerId] as Resource;
    const variables = (worker.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.SLACK_BOT_TOKEN_PARAMETER).toBe("/slacktrux/bot-token");
    expect(variables.DEFAULT_TIME_ZONE).toBe("America/Chicago");
    expect(variables.SUBSCRIPTIONS_TABLE).toEqual({
      Ref: logicalId(template, "AWS::DynamoDB::Table", "Subscriptions"),
    });
    expect(JSON.stringify(policyStatements(template, "WorkerRole"))).toContain(":parameter/slacktrux/bot-token");
  });

  it("lets the receiver answer the Home's modals: the subscriptions table (saved places too), the team index, event claims, the token's parameter", () => {
    const receiverId = logicalId(template, "AWS::Lambda::Function", "Receiver");
    const receiver = template.toJSON().Resources[receiverId] as Resource;
    const variables = (receiver.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const subscriptionsId = logicalId(template, "AWS::DynamoDB::Table", "Subscriptions");
    const claimsId = logicalId(template, "AWS::DynamoDB::Table", "CommandClaims");
    expect(variables).toMatchObject({
      // Saved places are items of this table (their own key prefix): retained and restorable with it.
      SUBSCRIPTIONS_TABLE: { Ref: subscriptionsId },
      CLAIMS_TABLE: { Ref: claimsId },
      SLACK_BOT_TOKEN_PARAMETER: "/slacktrux/bot-token",
      // A daily post saved from a modal keeps the worker's time zone.
      DEFAULT_TIME_ZONE: "America/Chicago",
    });
    const statements = policyStatements(template, "ReceiverRole");
    const tableArn = { "Fn::GetAtt": [subscriptionsId, "Arn"] };
    expect(statements).toContainEqual({
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      Resource: tableArn,
    });
    expect(statements).toContainEqual({
      Effect: "Allow",
      Action: "dynamodb:Query",
      Resource: { "Fn::Join": ["", [tableArn, "/index/team"]] },
    });
    expect(statements).toContainEqual({
      Effect: "Allow",
      Action: "dynamodb:PutItem",
      Resource: { "Fn::GetAtt": [claimsId, "Arn"] },
    });
    expect(statements).toContainEqual({
      Effect: "Allow",
      Action: "ssm:GetParameter",
      Resource: parameterArn("slacktrux/bot-token"),
    });
    // Never the due index: the receiver runs no tick.
    expect(JSON.stringify(statements)).not.toContain("/index/due");
  });

  it("alarms when Slack refuses the bot token", () => {
    const alarm = resources(template, "AWS::CloudWatch::Alarm").find(([id]) => id.startsWith("SlackAuthErrorsAlarm"));
    expect(alarm![1].Properties).toMatchObject({
      MetricName: METRICS.slackAuthErrors,
      Namespace: METRIC_NAMESPACE,
      Threshold: 1,
    });
  });

  it("refuses a bot token parameter that is not a parameter name, and a follow time that is not a time", () => {
    expect(() => synthesize({ botTokenParameter: "xoxb-123 456" })).toThrow(
      /botTokenParameter must be an SSM parameter name/,
    );
    expect(() => synthesize({ followTime: "lunch" })).toThrow(/invalid CDK context: followTime must be/);
  });
});

describe("the Slacktrux stack's installs from Add to Slack", () => {
  const installs = {
    botTokenParameter: "/slacktrux/bot-token",
    slackClientId: "1234.5678",
    clientSecretParameter: "/slacktrux/client-secret",
    publicUrl: "https://trucks.example.com/",
  };
  let template: Template;
  let tableId: string;
  let keyId: string;
  beforeAll(() => {
    ({ template } = synthesize(installs));
    tableId = logicalId(template, "AWS::DynamoDB::Table", "Installations");
    keyId = logicalId(template, "AWS::KMS::Key", "InstallationsKey");
  });
  const variablesOf = (idStart: string) =>
    (
      (template.toJSON().Resources[logicalId(template, "AWS::Lambda::Function", idStart)] as Resource).Properties
        .Environment as { Variables: Record<string, unknown> }
    ).Variables;

  it("creates no installations table or key without a client id", () => {
    const { template: plain } = synthesize({ botTokenParameter: "/slacktrux/bot-token" });
    expect(resources(plain, "AWS::DynamoDB::Table").map(([id]) => id)).not.toContainEqual(
      expect.stringMatching(/^Installations/),
    );
    expect(resources(plain, "AWS::KMS::Key")).toHaveLength(0);
  });

  it("keeps installations in a table retained on destroy, restorable, encrypted with a rotated key of its own", () => {
    const table = template.toJSON().Resources[tableId] as Resource & { DeletionPolicy: string };
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: "KMS",
        KMSMasterKeyId: { "Fn::GetAtt": [keyId, "Arn"] },
      },
    });
    const key = template.toJSON().Resources[keyId] as Resource & { DeletionPolicy: string };
    expect(key.DeletionPolicy).toBe("Retain");
    expect(key.Properties.EnableKeyRotation).toBe(true);
  });

  it("adds the team index to the subscriptions table, for a person's digests and an uninstalled workspace's", () => {
    const subscriptions = template.toJSON().Resources[
      logicalId(template, "AWS::DynamoDB::Table", "Subscriptions")
    ] as Resource;
    expect(subscriptions.Properties.GlobalSecondaryIndexes).toContainEqual({
      IndexName: "team",
      KeySchema: [
        { AttributeName: "teamId", KeyType: "HASH" },
        { AttributeName: "createdBy", KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    });
  });

  it("gives the receiver the client id, the secret's parameter name (never the secret), the public URL and the tables", () => {
    const variables = variablesOf("Receiver");
    expect(variables).toMatchObject({
      SLACK_CLIENT_ID: "1234.5678",
      SLACK_CLIENT_SECRET_PARAMETER: "/slacktrux/client-secret",
      SLACKTRUX_PUBLIC_URL: "https://trucks.example.com",
      INSTALLATIONS_TABLE: { Ref: tableId },
      CLAIMS_TABLE: { Ref: logicalId(template, "AWS::DynamoDB::Table", "CommandClaims") },
      SUBSCRIPTIONS_TABLE: { Ref: logicalId(template, "AWS::DynamoDB::Table", "Subscriptions") },
    });
    expect(variablesOf("Worker").INSTALLATIONS_TABLE).toEqual({ Ref: tableId });
  });

  it("gives the worker what posting with each workspace's token and refreshing it takes: the settings, the secret's parameter name", () => {
    const variables = variablesOf("Worker");
    expect(variables).toMatchObject({
      SLACK_CLIENT_ID: "1234.5678",
      SLACK_CLIENT_SECRET_PARAMETER: "/slacktrux/client-secret",
      SLACKTRUX_PUBLIC_URL: "https://trucks.example.com",
      INSTALLATIONS_TABLE: { Ref: tableId },
      SUBSCRIPTIONS_TABLE: { Ref: logicalId(template, "AWS::DynamoDB::Table", "Subscriptions") },
    });
    expect(JSON.stringify(variables)).not.toContain('SLACK_CLIENT_SECRET"');
    expect(policyStatements(template, "WorkerRole")).toContainEqual({
      Effect: "Allow",
      Action: "ssm:GetParameter",
      Resource: parameterArn("slacktrux/client-secret"),
    });
  });

  it("lets the worker decrypt the client secret with its customer managed key, by way of SSM only", () => {
    const { template: withKey } = synthesize({ ...installs, signingSecretKmsKeyArn: KMS_KEY });
    expect(policyStatements(withKey, "WorkerRole")).toContainEqual({
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: KMS_KEY,
      Condition: VIA_SSM,
    });
    expect(policyStatements(template, "WorkerRole")).not.toContainEqual(
      expect.objectContaining({ Action: "kms:Decrypt", Condition: VIA_SSM }),
    );
  });

  it("keeps daily posts and follows, and ticks for them, with installs and no single bot token", () => {
    const { botTokenParameter: _, ...installsOnly } = installs;
    const { template: alone } = synthesize(installsOnly);
    expect(resources(alone, "AWS::DynamoDB::Table").map(([id]) => id)).toContainEqual(
      expect.stringMatching(/^Subscriptions/),
    );
    alone.resourceCountIs("AWS::Scheduler::Schedule", 1);
    const worker = (alone.toJSON().Resources[logicalId(alone, "AWS::Lambda::Function", "Worker")] as Resource)
      .Properties.Environment as { Variables: Record<string, unknown> };
    expect(Object.keys(worker.Variables)).toEqual(
      expect.arrayContaining(["SUBSCRIPTIONS_TABLE", "INSTALLATIONS_TABLE", "DUE_POSTS_QUEUE_URL", "SLACK_CLIENT_ID"]),
    );
    expect(Object.keys(worker.Variables)).not.toContain("SLACK_BOT_TOKEN_PARAMETER");
  });

  it("grants each function only the installation calls it makes, and the key only by way of DynamoDB", () => {
    const tableArn = { "Fn::GetAtt": [tableId, "Arn"] };
    const viaDynamo = {
      StringEquals: {
        "kms:ViaService": { "Fn::Join": ["", ["dynamodb.", { Ref: "AWS::Region" }, ".amazonaws.com"]] },
      },
    };
    const keyStatement = {
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
      Resource: { "Fn::GetAtt": [keyId, "Arn"] },
      Condition: viaDynamo,
    };
    const receiver = policyStatements(template, "ReceiverRole");
    expect(receiver).toContainEqual({
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      Resource: tableArn,
    });
    expect(receiver).toContainEqual(keyStatement);
    expect(receiver).toContainEqual({
      Effect: "Allow",
      Action: "ssm:GetParameter",
      Resource: parameterArn("slacktrux/client-secret"),
    });
    const worker = policyStatements(template, "WorkerRole");
    expect(worker).toContainEqual({
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
      Resource: tableArn,
    });
    expect(worker).toContainEqual(keyStatement);
  });

  it("outputs the public URL to deploy with (the Function URL)", () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(JSON.stringify(outputs.PublicUrl!.Value)).toContain("FunctionUrl");
  });

  it("refuses a client id without the secret's parameter or an https public URL, naming the keys", () => {
    expect(() => synthesize({ slackClientId: "1" })).toThrow(/clientSecretParameter/);
    expect(() => synthesize({ slackClientId: "1", clientSecretParameter: "/s" })).toThrow(/publicUrl/);
    expect(() =>
      synthesize({ slackClientId: "1", clientSecretParameter: "/s", publicUrl: "http://trucks.example.com" }),
    ).toThrow(/publicUrl must be the https URL/);
  });
});

describe("the Slacktrux stack under cdk-nag (AwsSolutions and Serverless)", () => {
  /** Synthesizes with both packs as CDK validation plugins: synth throws with the report on any unacknowledged error or warning. */
  function nagged(context: Record<string, unknown>) {
    const app = newApp();
    const stack = new SlacktruxStack(app, "Slacktrux", { settings: readSettings((key) => context[key]), lambdaDir });
    const packs = [new AwsSolutionsChecks(app), new ServerlessChecks(app)];
    Validations.of(app).addPlugins(...packs);
    return { app, stack, packs };
  }

  for (const [what, context] of [
    ["the defaults", {}],
    ["every optional setting", EVERYTHING],
  ] as const) {
    it(`finds nothing unacknowledged with ${what}`, () => {
      const { app, packs } = nagged(context);
      // In memory, CDK throws on a failed plugin report; the report itself says which rule and where.
      expect(() => app.synth()).not.toThrow();
      // Warnings too (a pack's report fails on any violation), checked directly for a readable diff.
      const findings = packs.flatMap((pack) =>
        pack
          .validateScope(app)
          .violations.map(
            (violation) =>
              `${violation.severity} ${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(", ")}`,
          ),
      );
      expect(findings).toEqual([]);
    });
  }

  it("acknowledges only the findings the stack keeps on purpose, each with a reason", () => {
    const { stack } = nagged(EVERYTHING);
    const acknowledged: string[] = [];
    const visit = (construct: IConstruct) => {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          expect(reason.length, id).toBeGreaterThan(40);
          acknowledged.push(`${construct.node.path} ${id.replace(/^annotation::/i, "")}`);
        }
      }
      construct.node.children.forEach(visit);
    };
    visit(stack);
    expect(acknowledged.sort()).toEqual([
      "Slacktrux/AlarmTopic Serverless-SNSRedrivePolicy",
      "Slacktrux/CommandClaims AwsSolutions-DDB3",
      "Slacktrux/DuePostsDeadLetters Serverless-SQSRedrivePolicy",
      "Slacktrux/FailedJobs AwsSolutions-SQS3",
      "Slacktrux/FailedJobs Serverless-SQSRedrivePolicy",
      "Slacktrux/Receiver Serverless-LambdaDLQ",
      "Slacktrux/Receiver Serverless-LambdaTracing",
      "Slacktrux/Worker Serverless-LambdaDLQ",
      "Slacktrux/Worker Serverless-LambdaEventSourceMappingDestination",
      "Slacktrux/Worker Serverless-LambdaTracing",
    ]);
  });

  it("would report what is not acknowledged (the check can fail)", () => {
    const { app, packs } = nagged({});
    // A managed policy on a new role, as Lambda's default role would have.
    const stack = app.node.findChild("Slacktrux") as SlacktruxStack;
    const role = stack.node.findChild("WorkerRole") as iam.Role;
    role.addManagedPolicy(
      iam.ManagedPolicy.fromManagedPolicyArn(
        stack,
        "BasicExecution",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      ),
    );
    const rules = packs.flatMap((pack) => pack.validateScope(app).violations.map((violation) => violation.ruleName));
    expect(rules).toContain(
      "AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
    );
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM4/);
  });
});

function policyStatements(template: Template, roleIdStart: string): unknown[] {
  const roleId = logicalId(template, "AWS::IAM::Role", roleIdStart);
  return resources(template, "AWS::IAM::Policy")
    .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement);
}
