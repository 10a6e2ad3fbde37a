import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { startAwsStub, TEST_CREDENTIALS, sigV4Pattern, type AwsStub } from "./awsStub.js";
import { awsServiceFromEnv } from "../../src/runtimes/lambda/awsService.js";
import { createDynamoIdempotencyStore } from "../../src/runtimes/lambda/dynamoIdempotencyStore.js";

let aws: AwsStub;
let logs: string[];
let nowMs: number;

beforeAll(async () => {
  aws = await startAwsStub();
});
afterAll(() => aws.close());
beforeEach(() => {
  aws.requests.length = 0;
  aws.items.clear();
  aws.options.fail = {};
  logs = [];
  nowMs = Date.UTC(2025, 5, 2, 12, 0, 0);
});

const store = () =>
  createDynamoIdempotencyStore({
    table: "slacktrux-claims",
    dynamodb: awsServiceFromEnv("dynamodb", { ...TEST_CREDENTIALS, AWS_ENDPOINT_URL_DYNAMODB: aws.url }),
    log: createLogger((line) => logs.push(line)),
    nowMs: () => nowMs,
  });

describe("createDynamoIdempotencyStore", () => {
  it("claims a key once, across store instances (Lambda instances)", async () => {
    expect(await store().claim("k1", 1800)).toBe(true);
    expect(await store().claim("k1", 1800)).toBe(false);
    expect(await store().claim("k2", 1800)).toBe(true);

    const [put] = aws.putItems();
    expect(put!.headers["content-type"]).toBe("application/x-amz-json-1.0");
    expect(String(put!.headers.authorization)).toMatch(sigV4Pattern("dynamodb"));
    expect(JSON.parse(put!.body)).toEqual({
      TableName: "slacktrux-claims",
      Item: { pk: { S: "k1" }, expiresAt: { N: String(nowMs / 1000 + 1800) } },
      ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :now",
      ExpressionAttributeValues: { ":now": { N: String(nowMs / 1000) } },
    });
  });

  it("treats a claim whose expiresAt has passed as free, though DynamoDB has not deleted it yet", async () => {
    expect(await store().claim("k1", 60)).toBe(true);
    nowMs += 61_000;
    expect(await store().claim("k1", 60)).toBe(true);
  });

  it("answers anyway (true) when DynamoDB fails, and logs the failure", async () => {
    aws.options.fail = { dynamodb: { status: 400, type: "ResourceNotFoundException" } };
    expect(await store().claim("k1", 1800)).toBe(true);
    expect(logs.join("")).toContain("dynamodb answered HTTP 400 ResourceNotFoundException");
  });
});
