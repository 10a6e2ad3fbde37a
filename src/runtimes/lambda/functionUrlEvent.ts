// Lambda Function URL (and API Gateway HTTP API) payload format 2.0, translated to and from the
// exchange the phases understand. Only the fields slacktrux reads are typed.
import type { InboundRequest, OutboundResponse } from "../../phase1/exchange.js";

export interface FunctionUrlEvent {
  version: "2.0";
  rawPath: string;
  /** Without its "?"; absent or "" when none. */
  rawQueryString?: string;
  /** Function URLs give lower-case names; other v2.0 sources may not, so names are lowered again. */
  headers?: Record<string, string | undefined>;
  requestContext: { http: { method: string } };
  body?: string;
  isBase64Encoded: boolean;
  cookies?: string[];
}

export interface FunctionUrlResult {
  statusCode: number;
  headers: Record<string, string>;
  /** Each a Set-Cookie header (payload format 2.0). */
  cookies?: string[];
  body: string;
  isBase64Encoded: false;
}

export function toInboundRequest(event: FunctionUrlEvent): InboundRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  // The signature covers the bytes Slack sent: base64 bodies are decoded, text bodies taken as UTF-8.
  const body = event.body ?? "";
  const rawBody = event.isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8");
  // Function URLs give cookies apart from the headers; the app reads them as one cookie header.
  if (event.cookies?.length) headers.cookie = event.cookies.join("; ");
  return {
    method: event.requestContext.http.method,
    path: event.rawPath || "/",
    query: event.rawQueryString ?? "",
    headers,
    rawBody,
  };
}

export function toFunctionUrlResult(response: OutboundResponse): FunctionUrlResult {
  return {
    statusCode: response.status,
    headers: response.headers,
    ...(response.cookies?.length ? { cookies: response.cookies } : {}),
    body: response.body,
    isBase64Encoded: false,
  };
}
