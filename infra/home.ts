// The App Home and the settings modals on AWS, once daily posts from Slack are on (their table):
// Slack waits for a modal's submission and its options in the HTTP answer itself, so the receiver
// reads and writes the subscriptions table (daily posts, follows, and each person's saved place,
// which lives there under its own key prefix: src/runtimes/lambda/aws/dynamoUserPlaceStore.ts),
// reads the tracker, announces a saved daily post with the bot token, and claims each event id in
// the claims table so Slack's retries publish a Home once. Opening the Home and clicks in it are
// handed to the worker, which already holds the table.
import type { Stack } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { TEAM_INDEX } from "../src/runtimes/lambda/aws/dynamoSubscriptionStore.js";
import { CLAIMS_TABLE, SUBSCRIPTIONS_TABLE } from "../src/runtimes/lambda/lambdaSettings.js";
import { receiverHomeEnvironment, type SlacktruxSettings } from "./settings.js";

export function serveHomeFromReceiver(
  stack: Stack,
  receiver: lambda.Function,
  tables: { claims: dynamodb.Table; subscriptions: dynamodb.Table },
  settings: SlacktruxSettings,
): void {
  const { claims, subscriptions } = tables;
  // Written out, as for the worker: the table's items, and a Query on the one index it reads (a
  // person's digests, a workspace's everything on uninstall); never the `due` index.
  receiver.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      resources: [subscriptions.tableArn],
    }),
  );
  receiver.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ["dynamodb:Query"],
      resources: [`${subscriptions.tableArn}/index/${TEAM_INDEX}`],
    }),
  );
  // Event ids, claimed once (a conditional PutItem) and held (a plain one).
  receiver.addToRolePolicy(new iam.PolicyStatement({ actions: ["dynamodb:PutItem"], resources: [claims.tableArn] }));
  if (settings.botTokenParameter) {
    receiver.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["ssm:GetParameter"],
        resources: [
          stack.formatArn({
            service: "ssm",
            resource: "parameter",
            resourceName: settings.botTokenParameter.replace(/^\//, ""),
          }),
        ],
      }),
    );
  }
  // The bot token's parameter may use the webhooks' customer managed key (the worker's grant too).
  if (settings.botTokenParameter && settings.webhookKmsKeyArn) {
    receiver.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["kms:Decrypt"],
        resources: [settings.webhookKmsKeyArn],
        conditions: { StringEquals: { "kms:ViaService": `ssm.${stack.region}.amazonaws.com` } },
      }),
    );
  }
  for (const [name, value] of Object.entries(receiverHomeEnvironment(settings))) receiver.addEnvironment(name, value);
  receiver.addEnvironment(SUBSCRIPTIONS_TABLE.name, subscriptions.tableName);
  receiver.addEnvironment(CLAIMS_TABLE.name, claims.tableName);
}
