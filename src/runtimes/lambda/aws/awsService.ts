// How the Lambda runtime reaches AWS: requests signed with SigV4 by ./sigV4.ts and sent with the
// project's own HTTP client. Not the AWS SDK, nor fetch(): both cost the receiver's cold start
// more (measured in docs/ARCHITECTURE.md). Region, credentials and endpoint come from the variables Lambda
// sets, with the SDK's endpoint overrides (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL) so tests
// and LocalStack can stand in for AWS.
import { ConfigError, type Env } from "../../../config/env.js";
import {
  AWS_ACCESS_KEY_ID,
  AWS_ENDPOINT_URL,
  AWS_ENDPOINT_URLS,
  AWS_REGION,
  AWS_SECRET_ACCESS_KEY,
  AWS_SESSION_TOKEN,
} from "../lambdaSettings.js";
import { HttpFailure, httpRequest, type HttpResponse } from "../../../net/httpRequest.js";
import { signRequest } from "./sigV4.js";

export type AwsServiceName = "lambda" | "ssm" | "dynamodb" | "sqs";

export interface AwsService<Name extends AwsServiceName = AwsServiceName> {
  name: Name;
  region: string;
  /** Base URL without a trailing slash. */
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined };
}

export function awsServiceFromEnv<Name extends AwsServiceName>(name: Name, env: Env): AwsService<Name> {
  const region = AWS_REGION.read(env);
  if (!region) throw new ConfigError("AWS_REGION is not set");
  const accessKeyId = AWS_ACCESS_KEY_ID.read(env);
  const secretAccessKey = AWS_SECRET_ACCESS_KEY.read(env);
  if (!accessKeyId || !secretAccessKey)
    throw new ConfigError("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
  const endpoint =
    AWS_ENDPOINT_URLS[name].read(env) ?? AWS_ENDPOINT_URL.read(env) ?? `https://${name}.${region}.amazonaws.com`;
  const sessionToken = AWS_SESSION_TOKEN.read(env);
  return {
    name,
    region,
    endpoint: endpoint.replace(/\/+$/, ""),
    credentials: { accessKeyId, secretAccessKey, sessionToken },
  };
}

/** POSTs a signed request to `path` on the service's endpoint; any HTTP status is returned. */
export async function postToAws(
  service: AwsService,
  request: {
    path: string;
    headers: Record<string, string>;
    body: string;
    /** Time allowed for each try. */
    timeoutMs: number;
    /** Epoch ms past which no try runs, retry included (the caller's whole budget). */
    deadlineMs?: number | undefined;
  },
): Promise<HttpResponse> {
  const url = new URL(service.endpoint + request.path);
  const signed = signRequest({
    method: "POST",
    url,
    headers: request.headers,
    body: request.body,
    // Named, not guessed from the host: a stand-in endpoint's host says nothing about the service.
    service: service.name,
    region: service.region,
    credentials: service.credentials,
    now: new Date(),
  });
  const send = async () => {
    const timeoutMs = Math.min(request.timeoutMs, (request.deadlineMs ?? Infinity) - Date.now());
    if (timeoutMs <= 0) throw new HttpFailure("timeout", `no time left to call ${service.name}`);
    return httpRequest(url, {
      method: "POST",
      headers: { ...request.headers, ...signed },
      body: request.body,
      connectTimeoutMs: timeoutMs,
      timeoutMs,
      maxBodyBytes: 1024 * 1024,
    });
  };
  try {
    return await send();
  } catch (error) {
    // A kept-alive connection that AWS closed while this instance was frozen fails at once; one
    // fresh connection fixes that. Timeouts are not retried: the time is spent.
    // A network failure can also come after AWS received the request (the connection reset while
    // the answer was on its way), so this may send a request twice, and every call made through
    // here must be safe to repeat: an Event invoke (the worker's claim drops the duplicate job),
    // GetParameter (a read), the confirming PutItem (unconditional) and the claiming PutItem
    // (its condition accepts its own attempt: see dynamoClaimStore.ts).
    if (error instanceof HttpFailure && error.kind === "network") return send();
    throw error;
  }
}

/** An AWS error answer, named by its error code (e.g. ConditionalCheckFailedException). */
export class AwsRequestError extends Error {
  override name = "AwsRequestError";
  constructor(
    readonly service: AwsServiceName,
    readonly status: number,
    readonly code: string,
  ) {
    super(`${service} answered HTTP ${status} ${code}`);
  }

  static from(service: AwsServiceName, response: HttpResponse): AwsRequestError {
    // The code is in x-amzn-ErrorType ("Code:extra") or the JSON body's __type ("namespace#Code").
    const header = response.headers["x-amzn-errortype"]?.split(":")[0];
    let bodyCode: string | undefined;
    try {
      const body = JSON.parse(response.body.toString("utf8")) as { __type?: unknown; code?: unknown };
      const type = body.__type ?? body.code;
      if (typeof type === "string") bodyCode = type.slice(type.lastIndexOf("#") + 1);
    } catch {
      // Not JSON: the status alone will have to do.
    }
    return new AwsRequestError(service, response.status, header || bodyCode || "UnknownError");
  }
}
