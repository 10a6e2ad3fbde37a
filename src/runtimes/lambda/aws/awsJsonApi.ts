// One call to an AWS "JSON protocol" API (SSM, DynamoDB, SQS): POST / with the operation named in
// X-Amz-Target and the input as JSON; an answer other than 200 becomes an AwsRequestError.
import { AwsRequestError, postToAws, type AwsService } from "./awsService.js";

// The protocol version each service speaks (from its API model).
const JSON_VERSION = { ssm: "1.1", dynamodb: "1.0", sqs: "1.0" } as const;

export async function callJsonApi<Output>(
  service: AwsService<keyof typeof JSON_VERSION>,
  target: string,
  input: unknown,
  options: { timeoutMs: number; deadlineMs?: number | undefined },
): Promise<Output> {
  const response = await postToAws(service, {
    path: "/",
    headers: { "content-type": `application/x-amz-json-${JSON_VERSION[service.name]}`, "x-amz-target": target },
    body: JSON.stringify(input),
    timeoutMs: options.timeoutMs,
    deadlineMs: options.deadlineMs,
  });
  if (response.status !== 200) throw AwsRequestError.from(service.name, response);
  try {
    return JSON.parse(response.body.toString("utf8")) as Output;
  } catch {
    // Not JSON.parse's own message: it quotes the body, and a GetParameter body holds a secret.
    throw new Error(`${service.name} answered ${target} with a body that is not JSON`);
  }
}
