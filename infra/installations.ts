// Installs from "Add to Slack" (OAuth v2), on AWS: the installations table (bot and refresh tokens
// per workspace or organisation), encrypted with a key of the stack's own, kept on destroy and
// restorable; what the receiver needs to serve the install routes (the client id, the client
// secret's SSM parameter, the public URL, the tables); and what the worker needs to post with each
// workspace's token and refresh a rotating one (the same settings, the secret's parameter).
// Created only when the deploy names the Slack app's client id (`-c slackClientId=…`): without it
// slacktrux serves one workspace.
import { RemovalPolicy, type Stack } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { SLACK_CLIENT_ID, SLACKTRUX_PUBLIC_URL } from "../src/config/registry.js";
import {
  CLAIMS_TABLE,
  INSTALLATIONS_TABLE,
  SLACK_CLIENT_SECRET_PARAMETER,
} from "../src/runtimes/lambda/lambdaSettings.js";

export interface InstallSettings {
  slackClientId: string;
  clientSecretParameter: string;
  publicUrl: string;
  /** The client secret parameter's customer managed key, if it has one (signingSecretKmsKeyArn). */
  kmsKeyArn: string | undefined;
}

export interface InstallationsParts {
  table: dynamodb.Table;
  key: kms.Key;
}

export function addInstallations(
  stack: Stack,
  functions: { receiver: lambda.Function; worker: lambda.Function },
  tables: { claims: dynamodb.Table },
  settings: InstallSettings,
): InstallationsParts {
  const { receiver, worker } = functions;
  // Bot and refresh tokens: a key of the stack's own, so who may read them is decided here (and
  // in CloudTrail), not by every principal the AWS managed key would let through.
  const key = new kms.Key(stack, "InstallationsKey", {
    description: "slacktrux: encrypts the installations table (bot and refresh tokens)",
    enableKeyRotation: true,
    // The table is retained: its key must outlive `npm run destroy` too, or the table is unreadable.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // Items: pk = `team:<id>` or `enterprise:<id>` (src/runtimes/lambda/aws/dynamoInstallationStore.ts).
  const table = new dynamodb.Table(stack, "Installations", {
    partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    // Losing it would uninstall every workspace: kept when the stack is destroyed, and restorable.
    removalPolicy: RemovalPolicy.RETAIN,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });

  // The receiver saves an installation (the OAuth callback), deletes it (uninstall events) and
  // rotates its token; the worker reads it to post and rotates. Through DynamoDB only, the key.
  const useKey = new iam.PolicyStatement({
    actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
    resources: [key.keyArn],
    conditions: { StringEquals: { "kms:ViaService": `dynamodb.${stack.region}.amazonaws.com` } },
  });
  receiver.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      resources: [table.tableArn],
    }),
  );
  receiver.addToRolePolicy(useKey);
  worker.addToRolePolicy(
    new iam.PolicyStatement({ actions: ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources: [table.tableArn] }),
  );
  worker.addToRolePolicy(useKey);
  worker.addEnvironment(INSTALLATIONS_TABLE.name, table.tableName);

  // The install page's OAuth state is single-use: a conditional PutItem in the claims table.
  receiver.addToRolePolicy(
    new iam.PolicyStatement({ actions: ["dynamodb:PutItem"], resources: [tables.claims.tableArn] }),
  );
  // The client secret's parameter: the receiver's callback exchanges codes with it, the worker
  // refreshes rotating tokens with it. aws/ssm needs no grant, and a customer managed key is the
  // one signingSecretKmsKeyArn names (the receiver may already decrypt with it, by way of SSM).
  const readClientSecret = new iam.PolicyStatement({
    actions: ["ssm:GetParameter"],
    resources: [
      stack.formatArn({
        service: "ssm",
        resource: "parameter",
        resourceName: settings.clientSecretParameter.replace(/^\//, ""),
      }),
    ],
  });
  receiver.addToRolePolicy(readClientSecret);
  worker.addToRolePolicy(readClientSecret);
  if (settings.kmsKeyArn) {
    worker.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["kms:Decrypt"],
        resources: [settings.kmsKeyArn],
        conditions: { StringEquals: { "kms:ViaService": `ssm.${stack.region}.amazonaws.com` } },
      }),
    );
  }
  // An uninstalled workspace's daily posts and follows: the receiver's access to their table comes
  // with the App Home (home.ts), whenever that table exists.

  receiver.addEnvironment(INSTALLATIONS_TABLE.name, table.tableName);
  receiver.addEnvironment(CLAIMS_TABLE.name, tables.claims.tableName);
  // Both functions: installs are on in the worker too (its posts take each workspace's token).
  for (const fn of [receiver, worker]) {
    fn.addEnvironment(SLACK_CLIENT_ID.name, settings.slackClientId);
    // The parameter's name, never the secret: read from SSM when a callback or a refresh needs it.
    fn.addEnvironment(SLACK_CLIENT_SECRET_PARAMETER.name, settings.clientSecretParameter);
    fn.addEnvironment(SLACKTRUX_PUBLIC_URL.name, settings.publicUrl);
  }
  return { table, key };
}
