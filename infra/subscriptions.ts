// Subscriptions set up from Slack (channel digests and follows), on AWS: their DynamoDB table and
// the alarm on a refused bot token (the minute's tick that posts them is in tick.ts). Created only
// when something can post them: the deploy names the bot token's SSM parameter
// (`-c botTokenParameter=/slacktrux/bot-token`), or installs are on and each workspace has its own.
import { Duration, RemovalPolicy, type Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { DUE_INDEX, TEAM_INDEX } from "../src/runtimes/lambda/aws/dynamoSubscriptionStore.js";
import { EXPIRES_AT } from "../src/runtimes/lambda/aws/dynamoRefusedRunStore.js";
import { METRIC_NAMESPACE, METRICS } from "../src/observe/metricNames.js";
import { SUBSCRIPTIONS_TABLE } from "../src/runtimes/lambda/lambdaSettings.js";

export interface Subscriptions {
  table: dynamodb.Table;
  alarm: cloudwatch.Alarm;
}

export function addSubscriptions(
  stack: Stack,
  worker: lambda.Function,
  alarmThreshold: cloudwatch.CreateAlarmOptions,
): Subscriptions {
  // Items: pk `owner#<team>#<channel or user>`, sk `<kind>#<id>` (and pk `refused`: runs refused
  // for the bot token, retried by later ticks, with a TTL); the `due` index on
  // `<time zone>#<HH:MM>` finds a minute's subscriptions without a scan, the `team` index a
  // workspace's or a person's (src/runtimes/lambda/aws/dynamoSubscriptionStore.ts).
  const table = new dynamodb.Table(stack, "Subscriptions", {
    partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
    sortKey: { name: "sk", type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    // People's subscriptions, unlike claims: kept when the stack is destroyed, and restorable.
    removalPolicy: RemovalPolicy.RETAIN,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // Only the records of runs refused for their token carry it (dynamoRefusedRunStore.ts): subscriptions never expire.
    timeToLiveAttribute: EXPIRES_AT,
  });
  table.addGlobalSecondaryIndex({
    indexName: DUE_INDEX,
    partitionKey: { name: "due", type: dynamodb.AttributeType.STRING },
    sortKey: { name: "sk", type: dynamodb.AttributeType.STRING },
    projectionType: dynamodb.ProjectionType.ALL,
  });
  // A person's digests (their App Home) and a workspace's everything (deleted on uninstall).
  table.addGlobalSecondaryIndex({
    indexName: TEAM_INDEX,
    partitionKey: { name: "teamId", type: dynamodb.AttributeType.STRING },
    sortKey: { name: "createdBy", type: dynamodb.AttributeType.STRING },
    projectionType: dynamodb.ProjectionType.ALL,
  });
  // Written out rather than table.grant(), which adds every index ("index/*"): the table's items,
  // and a Query on the one index.
  worker.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      resources: [table.tableArn],
    }),
  );
  worker.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ["dynamodb:Query"],
      resources: [`${table.tableArn}/index/${DUE_INDEX}`, `${table.tableArn}/index/${TEAM_INDEX}`],
    }),
  );
  worker.addEnvironment(SUBSCRIPTIONS_TABLE.name, table.tableName);

  const alarm = new cloudwatch.Alarm(stack, "SlackAuthErrorsAlarm", {
    alarmDescription:
      "Slack refused a bot token (invalid_auth or token_revoked): that workspace's channel digests and follows cannot post. Reinstall the app there (Add to Slack), or put its current Bot User OAuth Token in the botTokenParameter SSM parameter.",
    metric: new cloudwatch.Metric({
      namespace: METRIC_NAMESPACE,
      metricName: METRICS.slackAuthErrors,
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
    }),
    ...alarmThreshold,
  });
  return { table, alarm };
}
