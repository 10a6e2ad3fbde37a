// Installations on AWS: their own DynamoDB table (partition key pk = the installation id,
// `team:<id>` or `enterprise:<id>`), through our signed JSON API calls. Token rotation's two steps
// are conditional writes on the refresh token, so across concurrent invocations a refresh token is
// spent by the one caller whose lease was written, and only the result of that spend is kept
// (the same semantics as src/installations/sqlInstallationStore.ts).
import type { Installation } from "../../../installations/installation.js";
import type { InstallationStore } from "../../../installations/installationStore.js";
import { callJsonApi } from "./awsJsonApi.js";
import { AwsRequestError, type AwsService } from "./awsService.js";

const TIMEOUT_MS = 3_000;

type AttributeValue = { S: string } | { N: string } | { BOOL: boolean };
type Item = Record<string, AttributeValue>;

export interface DynamoInstallationStoreOptions {
  table: string;
  dynamodb: AwsService<"dynamodb">;
  /** Epoch ms past which no call runs (the receiver's current request); none by default. */
  deadlineMs?: () => number | undefined;
}

export const BEGIN_REFRESH_CONDITION =
  "refreshToken = :token AND (attribute_not_exists(leaseUntilMs) OR leaseUntilMs <= :now)";
export const FINISH_REFRESH_UPDATE =
  "SET botToken = :botToken, refreshToken = :next, expiresAtMs = :expiresAtMs REMOVE leaseUntilMs";

export function createDynamoInstallationStore(options: DynamoInstallationStoreOptions): InstallationStore {
  const { table, dynamodb, deadlineMs = () => undefined } = options;
  const call = <T>(operation: string, input: Record<string, unknown>) =>
    callJsonApi<T>(
      dynamodb,
      `DynamoDB_20120810.${operation}`,
      { TableName: table, ...input },
      { timeoutMs: TIMEOUT_MS, deadlineMs: deadlineMs() },
    );
  /** An UpdateItem whose condition may fail: false when it did. */
  const conditionalUpdate = async (input: Record<string, unknown>): Promise<boolean> => {
    try {
      await call("UpdateItem", input);
      return true;
    } catch (error) {
      if (error instanceof AwsRequestError && error.code === "ConditionalCheckFailedException") return false;
      throw error;
    }
  };
  const key = (id: string) => ({ pk: { S: id } });

  return {
    async save(installation) {
      // A PutItem replaces the whole item: a re-install drops any lease with the old tokens.
      await call("PutItem", { Item: toItem(installation) });
    },
    async find(id) {
      const answer = await call<{ Item?: Item }>("GetItem", { Key: key(id), ConsistentRead: true });
      return answer.Item ? fromItem(answer.Item) : undefined;
    },
    async delete(ids) {
      let deleted = 0;
      for (const id of new Set(ids)) {
        const answer = await call<{ Attributes?: Item }>("DeleteItem", { Key: key(id), ReturnValues: "ALL_OLD" });
        if (answer.Attributes) deleted += 1;
      }
      return deleted;
    },
    beginRefresh(id, refreshToken, nowMs, leaseMs) {
      return conditionalUpdate({
        Key: key(id),
        UpdateExpression: "SET leaseUntilMs = :until",
        ConditionExpression: BEGIN_REFRESH_CONDITION,
        ExpressionAttributeValues: {
          ":token": { S: refreshToken },
          ":now": { N: String(nowMs) },
          ":until": { N: String(nowMs + leaseMs) },
        },
      });
    },
    finishRefresh(id, spent, rotated) {
      return conditionalUpdate({
        Key: key(id),
        UpdateExpression: FINISH_REFRESH_UPDATE,
        ConditionExpression: "refreshToken = :token",
        ExpressionAttributeValues: {
          ":token": { S: spent },
          ":botToken": { S: rotated.botToken },
          ":next": { S: rotated.refreshToken },
          ":expiresAtMs": { N: String(rotated.botTokenExpiresAtMs) },
        },
      });
    },
    async abandonRefresh(id, refreshToken) {
      // Nothing to free when the token has moved on: the condition failing is the answer.
      await conditionalUpdate({
        Key: key(id),
        UpdateExpression: "REMOVE leaseUntilMs",
        ConditionExpression: "refreshToken = :token",
        ExpressionAttributeValues: { ":token": { S: refreshToken } },
      });
    },
  };
}

function toItem(installation: Installation): Item {
  const item: Item = {
    pk: { S: installation.id },
    isEnterpriseInstall: { BOOL: installation.isEnterpriseInstall },
    appId: { S: installation.appId },
    botToken: { S: installation.botToken },
    botUserId: { S: installation.botUserId },
    scopes: { S: installation.scopes },
    installedAt: { S: installation.installedAt },
  };
  // DynamoDB has no "absent" value: an optional field is an attribute left out.
  if (installation.teamId !== undefined) item.teamId = { S: installation.teamId };
  if (installation.enterpriseId !== undefined) item.enterpriseId = { S: installation.enterpriseId };
  if (installation.installedBy !== undefined) item.installedBy = { S: installation.installedBy };
  if (installation.refreshToken !== undefined) item.refreshToken = { S: installation.refreshToken };
  if (installation.botTokenExpiresAtMs !== undefined)
    item.expiresAtMs = { N: String(installation.botTokenExpiresAtMs) };
  return item;
}

function fromItem(item: Item): Installation {
  const text = (name: string) => {
    const value = item[name];
    return value && "S" in value ? value.S : undefined;
  };
  const expires = item.expiresAtMs;
  const isEnterprise = item.isEnterpriseInstall;
  return {
    id: text("pk") ?? "",
    teamId: text("teamId"),
    enterpriseId: text("enterpriseId"),
    isEnterpriseInstall: isEnterprise !== undefined && "BOOL" in isEnterprise && isEnterprise.BOOL,
    appId: text("appId") ?? "",
    botToken: text("botToken") ?? "",
    botUserId: text("botUserId") ?? "",
    scopes: text("scopes") ?? "",
    installedBy: text("installedBy"),
    installedAt: text("installedAt") ?? "",
    refreshToken: text("refreshToken"),
    botTokenExpiresAtMs: expires && "N" in expires ? Number(expires.N) : undefined,
  };
}
