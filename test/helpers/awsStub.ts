// A loopback stand-in for the three AWS APIs the Lambda runtime calls, answering as AWS does:
// Lambda Invoke (REST: POST /2015-03-31/functions/{name}/invocations), SSM GetParameter and
// DynamoDB PutItem and SQS SendMessageBatch (JSON protocol: POST / with X-Amz-Target). It records every request so tests
// can check the payloads, refuses a request whose SigV4 signature is wrong (403, as AWS does), and
// keeps PutItem's conditional semantics (for the one condition the claims store sends).
import type http from "node:http";
import { startLoopbackServer, type LoopbackServer, type RecordedRequest } from "./loopbackServer.js";
import { sigV4Problem } from "./sigV4.js";
import { DynamoTableStub } from "./dynamoTableStub.js";

export const TEST_CREDENTIALS = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIDSTUBEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "stub-secret-access-key",
  AWS_SESSION_TOKEN: "stub-session-token",
};

export interface AwsStubOptions {
  /** SSM parameters by name; a missing name answers ParameterNotFound. */
  parameters?: Record<string, string>;
  /** Called with each Event invoke's payload, after the 202 is sent (as Lambda runs the worker later). */
  onInvoke?: (functionName: string, payload: unknown) => void;
  /** Holds every answer of an API this many ms, until cleared: a slow AWS. */
  delayMs?: Partial<Record<"invoke" | "ssm" | "dynamodb", number>>;
  /** Makes every answer of an API this error, until cleared. */
  fail?: Partial<Record<"invoke" | "ssm" | "dynamodb", { status: number; type: string }>>;
  /**
   * The next this-many PutItems are carried out (or refused) as usual, but the connection is then
   * reset instead of answered: a write that landed although its caller saw a network failure.
   */
  resetAfterPutItem?: number;
  /** Tables kept by DynamoTableStub, by name: the subscriptions and installations tables. */
  tables?: Record<string, DynamoTableStub>;
}

export interface AwsStub extends LoopbackServer {
  options: AwsStubOptions;
  invokes(): RecordedRequest[];
  ssmCalls(): RecordedRequest[];
  putItems(): RecordedRequest[];
  /** Every message SendMessageBatch was given, by queue URL, in order. */
  queued: Map<string, string[]>;
  /** The table as DynamoDB would hold it: pk → expiresAt (epoch seconds). */
  items: Map<string, number>;
  /** pk → the item's `attempt` attribute, for items that have one. */
  attempts: Map<string, string>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export async function startAwsStub(options: AwsStubOptions = {}): Promise<AwsStub> {
  const items = new Map<string, number>();
  const attempts = new Map<string, string>();

  const server = await startLoopbackServer((req, res) => {
    const target = req.headers["x-amz-target"];
    const api = INVOKE_PATH.test(req.url) ? "invoke" : target === "AmazonSSM.GetParameter" ? "ssm" : "dynamodb";
    const delay = options.delayMs?.[api];
    if (delay) setTimeout(() => answer(req, res), delay);
    else answer(req, res);
  });

  function answer(req: RecordedRequest, res: http.ServerResponse) {
    if (res.destroyed) return;
    const invoked = INVOKE_PATH.exec(req.url);
    const target = req.headers["x-amz-target"];
    const badSignature = sigV4Problem(req, TEST_CREDENTIALS.AWS_SECRET_ACCESS_KEY);
    if (badSignature) sendJson(res, 403, { __type: "InvalidSignatureException", message: badSignature });
    else if (req.method === "POST" && invoked) answerInvoke(req, res, decodeURIComponent(invoked[1]!));
    else if (req.method === "POST" && req.url === "/" && target === "AmazonSSM.GetParameter")
      answerGetParameter(req, res);
    else if (req.method === "POST" && req.url === "/" && typeof target === "string" && stubTable(req))
      answerTable(req, res, target.replace("DynamoDB_20120810.", ""));
    else if (req.method === "POST" && req.url === "/" && target === "DynamoDB_20120810.PutItem")
      answerPutItem(req, res);
    else if (req.method === "POST" && req.url === "/" && target === "AmazonSQS.SendMessageBatch")
      answerSendMessageBatch(req, res);
    else sendJson(res, 404, { __type: "UnknownOperationException" });
  }

  const queued = new Map<string, string[]>();
  function answerSendMessageBatch(req: RecordedRequest, res: http.ServerResponse) {
    const { QueueUrl, Entries } = JSON.parse(req.body) as {
      QueueUrl: string;
      Entries: { Id: string; MessageBody: string }[];
    };
    if (Entries.length > 10) return sendJson(res, 400, { __type: "com.amazonaws.sqs#TooManyEntriesInBatchRequest" });
    queued.set(QueueUrl, [...(queued.get(QueueUrl) ?? []), ...Entries.map((entry) => entry.MessageBody)]);
    sendJson(res, 200, {
      Successful: Entries.map((entry) => ({ Id: entry.Id, MessageId: `m-${entry.Id}` })),
      Failed: [],
    });
  }

  function stubTable(req: RecordedRequest): DynamoTableStub | undefined {
    if (!String(req.headers["x-amz-target"]).startsWith("DynamoDB_20120810.")) return undefined;
    const { TableName } = JSON.parse(req.body) as { TableName?: string };
    return TableName === undefined ? undefined : options.tables?.[TableName];
  }

  function answerTable(req: RecordedRequest, res: http.ServerResponse, operation: string) {
    const failure = options.fail?.dynamodb;
    if (failure)
      return sendJson(res, failure.status, {
        __type: `com.amazonaws.dynamodb.v20120810#${failure.type}`,
        message: "stub failure",
      });
    const answer = stubTable(req)!.handle(operation, JSON.parse(req.body) as Parameters<DynamoTableStub["handle"]>[1]);
    sendJson(res, answer.status, answer.body);
  }

  function answerInvoke(req: RecordedRequest, res: http.ServerResponse, functionName: string) {
    const failure = options.fail?.invoke;
    if (failure) {
      res.writeHead(failure.status, { "content-type": "application/json", "x-amzn-errortype": failure.type });
      res.end(JSON.stringify({ Type: "User", message: "stub failure" }));
      return;
    }
    if (req.headers["x-amz-invocation-type"] !== "Event")
      return sendJson(res, 400, { __type: "InvalidParameterValueException" });
    res.writeHead(202, { "content-length": "0" }).end();
    options.onInvoke?.(functionName, JSON.parse(req.body));
  }

  function answerGetParameter(req: RecordedRequest, res: http.ServerResponse) {
    const failure = options.fail?.ssm;
    if (failure) return sendJson(res, failure.status, { __type: failure.type, message: "stub failure" });
    const input = JSON.parse(req.body) as { Name: string; WithDecryption?: boolean };
    const value = options.parameters?.[input.Name];
    if (value === undefined) return sendJson(res, 400, { __type: "ParameterNotFound" });
    // Without WithDecryption, SSM returns a SecureString's ciphertext.
    const shown = input.WithDecryption ? value : Buffer.from("ciphertext").toString("base64");
    sendJson(res, 200, { Parameter: { Name: input.Name, Type: "SecureString", Value: shown, Version: 1 } });
  }

  function answerPutItem(req: RecordedRequest, res: http.ServerResponse) {
    const failure = options.fail?.dynamodb;
    if (failure)
      return sendJson(res, failure.status, {
        __type: `com.amazonaws.dynamodb.v20120810#${failure.type}`,
        message: "stub failure",
      });
    const input = JSON.parse(req.body) as {
      Item: { pk: { S: string }; expiresAt: { N: string }; attempt?: { S: string } };
      ConditionExpression?: string;
      ExpressionAttributeValues?: Record<string, { N?: string; S?: string }>;
    };
    const answer = (status: number, value: unknown) => {
      if (options.resetAfterPutItem) {
        options.resetAfterPutItem -= 1;
        res.socket?.destroy();
      } else {
        sendJson(res, status, value);
      }
    };
    const pk = input.Item.pk.S;
    if (input.ConditionExpression !== undefined) {
      // Only the condition the store sends is understood; anything else would be a silent no-op here.
      if (input.ConditionExpression !== "attribute_not_exists(pk) OR expiresAt < :now OR attempt = :attempt") {
        return sendJson(res, 400, {
          __type: "com.amazon.coral.validate#ValidationException",
          message: "unexpected condition",
        });
      }
      const now = Number(input.ExpressionAttributeValues?.[":now"]?.N);
      const attempt = input.ExpressionAttributeValues?.[":attempt"]?.S;
      const existing = items.get(pk);
      if (existing !== undefined && !(existing < now) && !(attempt !== undefined && attempts.get(pk) === attempt)) {
        return answer(400, {
          __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
          message: "The conditional request failed",
        });
      }
    }
    // A PutItem replaces the whole item.
    items.set(pk, Number(input.Item.expiresAt.N));
    if (input.Item.attempt) attempts.set(pk, input.Item.attempt.S);
    else attempts.delete(pk);
    answer(200, {});
  }

  const byTarget = (target: string) => () =>
    server.requests.filter((request) => request.headers["x-amz-target"] === target);
  return {
    ...server,
    options,
    queued,
    items,
    attempts,
    invokes: () => server.requests.filter((request) => INVOKE_PATH.test(request.url)),
    ssmCalls: byTarget("AmazonSSM.GetParameter"),
    putItems: byTarget("DynamoDB_20120810.PutItem"),
  };
}

function sendJson(res: http.ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
  res.end(JSON.stringify(value));
}

/** `AWS4-HMAC-SHA256 Credential=AKID…/date/region/service/aws4_request, SignedHeaders=…, Signature=…` */
export function sigV4Pattern(service: string): RegExp {
  return new RegExp(
    `^AWS4-HMAC-SHA256 Credential=${TEST_CREDENTIALS.AWS_ACCESS_KEY_ID}/\\d{8}/${TEST_CREDENTIALS.AWS_REGION}/${service}/aws4_request, ` +
      "SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$",
  );
}
