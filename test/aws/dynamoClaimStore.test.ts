import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/observe/log.js";
import { startAwsStub, TEST_CREDENTIALS, sigV4Pattern, type AwsStub } from "../helpers/awsStub.js";
import { awsServiceFromEnv } from "../../src/runtimes/lambda/aws/awsService.js";
import { createDynamoClaimStore } from "../../src/runtimes/lambda/aws/dynamoClaimStore.js";
import { createEmfMetrics } from "../../src/observe/metrics.js";
import { startLoopbackServer } from "../helpers/loopbackServer.js";

let aws: AwsStub;
let logs: string[];
let metricLines: string[];
let nowMs: number;

beforeAll(async () => {
  aws = await startAwsStub();
});
afterAll(() => aws.close());
beforeEach(() => {
  aws.requests.length = 0;
  aws.items.clear();
  aws.options.fail = {};
  aws.options.resetAfterPutItem = 0;
  logs = [];
  metricLines = [];
  nowMs = Date.UTC(2025, 5, 2, 12, 0, 0);
});

let attemptCount = 0;
const store = () =>
  createDynamoClaimStore({
    table: "slacktrux-claims",
    dynamodb: awsServiceFromEnv("dynamodb", { ...TEST_CREDENTIALS, AWS_ENDPOINT_URL_DYNAMODB: aws.url }),
    log: createLogger((line) => logs.push(line)),
    metrics: createEmfMetrics((line) => metricLines.push(line)),
    nowMs: () => nowMs,
    attemptId: () => `attempt-${++attemptCount}`,
  });
type PutItemInput = {
  Item: Record<string, { S?: string; N?: string }>;
  ConditionExpression?: string;
  ExpressionAttributeValues?: Record<string, { S?: string }>;
};
/** Each EMF line's metric name and dimensions, checked against the declaration CloudWatch reads. */
const emitted = () =>
  metricLines.map((line) => {
    const record = JSON.parse(line) as Record<string, unknown> & {
      _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
    };
    const [declaration] = record._aws.CloudWatchMetrics;
    expect(declaration!.Namespace).toBe("slacktrux");
    const name = declaration!.Metrics[0]!.Name;
    expect(record[name]).toBe(1);
    const dimensions = Object.fromEntries(declaration!.Dimensions[0]!.map((key) => [key, record[key]]));
    return { name, dimensions };
  });
const putInputs = () => aws.putItems().map((request) => JSON.parse(request.body) as PutItemInput);

describe("createDynamoClaimStore", () => {
  it("claims a key once, across store instances (Lambda instances)", async () => {
    expect(await store().claim("k1", 1800)).toBe(true);
    expect(await store().claim("k1", 1800)).toBe(false);
    expect(await store().claim("k2", 1800)).toBe(true);

    const [put] = aws.putItems();
    expect(put!.headers["content-type"]).toBe("application/x-amz-json-1.0");
    expect(String(put!.headers.authorization)).toMatch(sigV4Pattern("dynamodb"));
    const attempt = (JSON.parse(put!.body) as PutItemInput).Item.attempt!.S!;
    expect(JSON.parse(put!.body)).toEqual({
      TableName: "slacktrux-claims",
      Item: { pk: { S: "k1" }, expiresAt: { N: String(nowMs / 1000 + 1800) }, attempt: { S: attempt } },
      ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :now OR attempt = :attempt",
      ExpressionAttributeValues: { ":now": { N: String(nowMs / 1000) }, ":attempt": { S: attempt } },
    });
    // Each claim is its own attempt.
    expect(new Set(putInputs().map((input) => input.Item.attempt!.S)).size).toBe(3);
  });

  it("uses a random attempt id by default", async () => {
    const randomStore = createDynamoClaimStore({
      table: "slacktrux-claims",
      dynamodb: awsServiceFromEnv("dynamodb", { ...TEST_CREDENTIALS, AWS_ENDPOINT_URL_DYNAMODB: aws.url }),
      log: createLogger((line) => logs.push(line)),
    });
    expect(await randomStore.claim("k1", 60)).toBe(true);
    expect(await randomStore.claim("k2", 60)).toBe(true);
    const [first, second] = putInputs().map((input) => input.Item.attempt!.S!);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });

  it("still holds its claim when the write landed but the connection reset before the answer (postToAws sends it again)", async () => {
    aws.options.resetAfterPutItem = 1;
    expect(await store().claim("k1", 1800)).toBe(true);

    // Sent twice, the same attempt both times; the second found the first's item and took it as its own.
    const inputs = putInputs();
    expect(inputs).toHaveLength(2);
    expect(inputs[1]).toEqual(inputs[0]);
    expect(aws.attempts.get("k1")).toBe(inputs[0]!.Item.attempt!.S);
    expect(logs).toEqual([]);
    // And it is still a claim against anyone else.
    expect(await store().claim("k1", 1800)).toBe(false);
  });

  it("still refuses a duplicate whose refused write is answered by a reset and sent again", async () => {
    expect(await store().claim("k1", 1800)).toBe(true);
    aws.options.resetAfterPutItem = 1;
    expect(await store().claim("k1", 1800)).toBe(false);
    expect(aws.putItems()).toHaveLength(3);
  });

  it("confirms with an unconditional write that keeps the key claimed for the new TTL", async () => {
    const claims = store();
    expect(await claims.claim("k1", 60)).toBe(true);
    await claims.confirm("k1", 1800);
    const confirm = putInputs()[1]!;
    expect(confirm.ConditionExpression).toBeUndefined();
    expect(confirm.Item).toEqual({ pk: { S: "k1" }, expiresAt: { N: String(nowMs / 1000 + 1800) } });
    nowMs += 61_000;
    expect(await store().claim("k1", 60)).toBe(false);
    expect(logs).toEqual([]);
  });

  it("treats a claim whose expiresAt has passed as free, though DynamoDB has not deleted it yet", async () => {
    expect(await store().claim("k1", 60)).toBe(true);
    nowMs += 61_000;
    expect(await store().claim("k1", 60)).toBe(true);
  });

  it("goes ahead (true) when the table is missing, and says so loudly: an error line and ClaimStoreErrors", async () => {
    aws.options.fail = { dynamodb: { status: 400, type: "ResourceNotFoundException" } };
    expect(await store().claim("k1", 1800)).toBe(true);
    await store().confirm("k1", 1800);
    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: "error",
      msg: "claim store misconfigured (missing-table): going ahead unclaimed, duplicates are possible",
      phase: "claims",
      table: "slacktrux-claims",
      reason: "dynamodb answered HTTP 400 ResourceNotFoundException",
    });
    expect(lines[1]).toMatchObject({ msg: "claim store failed to confirm a claim", phase: "claims" });
    expect(emitted()).toEqual([
      { name: "ClaimStoreErrors", dimensions: { Kind: "missing-table" } },
      { name: "ClaimStoreErrors", dimensions: { Kind: "missing-table" } },
    ]);
  });

  it.each(["AccessDeniedException", "UnrecognizedClientException"])(
    "counts %s as access-denied, still going ahead",
    async (type) => {
      aws.options.fail = { dynamodb: { status: 400, type } };
      expect(await store().claim("k1", 1800)).toBe(true);
      expect(emitted()).toEqual([{ name: "ClaimStoreErrors", dimensions: { Kind: "access-denied" } }]);
      expect(JSON.parse(logs[0]!)).toMatchObject({ level: "error", msg: expect.stringMatching(/misconfigured/) });
    },
  );

  it("goes ahead when throttled, counted as an unclaimed go-ahead, not as a misconfiguration", async () => {
    aws.options.fail = { dynamodb: { status: 400, type: "ProvisionedThroughputExceededException" } };
    expect(await store().claim("k1", 1800)).toBe(true);
    expect(emitted()).toEqual([{ name: "UnclaimedGoAheads", dimensions: { Reason: "throttled" } }]);
    expect(JSON.parse(logs[0]!)).toMatchObject({
      level: "warn",
      msg: "claim store failed to claim, going ahead unclaimed",
      kind: "throttled",
    });
  });

  it("goes ahead when DynamoDB is down or unreachable, counted as unreachable", async () => {
    aws.options.fail = { dynamodb: { status: 500, type: "InternalServerError" } };
    expect(await store().claim("k1", 1800)).toBe(true);
    const unreachable = createDynamoClaimStore({
      table: "slacktrux-claims",
      dynamodb: awsServiceFromEnv("dynamodb", { ...TEST_CREDENTIALS, AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:1" }),
      log: createLogger((line) => logs.push(line)),
      metrics: createEmfMetrics((line) => metricLines.push(line)),
    });
    expect(await unreachable.claim("k2", 1800)).toBe(true);
    expect(emitted()).toEqual([
      { name: "UnclaimedGoAheads", dimensions: { Reason: "unreachable" } },
      { name: "UnclaimedGoAheads", dimensions: { Reason: "unreachable" } },
    ]);
  });

  it("goes ahead when DynamoDB does not answer in time, counted as a timeout", async () => {
    const silent = await startLoopbackServer(() => {}); // accepts, never answers
    try {
      const hanging = createDynamoClaimStore({
        table: "slacktrux-claims",
        dynamodb: awsServiceFromEnv("dynamodb", { ...TEST_CREDENTIALS, AWS_ENDPOINT_URL_DYNAMODB: silent.url }),
        log: createLogger((line) => logs.push(line)),
        metrics: createEmfMetrics((line) => metricLines.push(line)),
      });
      expect(await hanging.claim("k1", 1800)).toBe(true);
      expect(emitted()).toEqual([{ name: "UnclaimedGoAheads", dimensions: { Reason: "timeout" } }]);
    } finally {
      await silent.close();
    }
  });

  it("emits nothing when all is well", async () => {
    expect(await store().claim("k1", 1800)).toBe(true);
    expect(await store().claim("k1", 1800)).toBe(false);
    await store().confirm("k1", 1800);
    expect(metricLines).toEqual([]);
  });
});
