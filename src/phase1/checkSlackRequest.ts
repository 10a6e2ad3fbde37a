// The checks every request from Slack passes before its body is even parsed: method, size,
// content type and signature. Commands and interactions share them.
import type { Logger } from "../observe/log.js";
import { verifySlackSignature } from "../slack/verifySignature.js";
import { textResponse, type InboundRequest, type OutboundResponse } from "./exchange.js";

/** Slack's bodies are a few KB at most; anything near this is not Slack. */
export const MAX_BODY_BYTES = 32 * 1024;

/** A 4xx response saying what is wrong, or undefined when the request may be parsed. */
export function checkSlackRequest(
  request: InboundRequest,
  deps: { signingSecret: string; log: Logger; nowMs?: () => number },
  phase: string,
): OutboundResponse | undefined {
  const reject = (status: number, reason: string, headers?: Record<string, string>) => {
    deps.log.warn("request rejected", { phase, status, reason });
    return textResponse(status, reason, headers);
  };
  if (request.method !== "POST") return reject(405, "method not allowed", { allow: "POST" });
  if (request.rawBody.length > MAX_BODY_BYTES) return reject(413, "body too large");
  const contentType = (request.headers["content-type"] ?? "").toLowerCase();
  if (!contentType.startsWith("application/x-www-form-urlencoded")) {
    return reject(415, "expected application/x-www-form-urlencoded");
  }
  const verified = verifySlackSignature({
    signingSecret: deps.signingSecret,
    rawBody: request.rawBody,
    timestamp: request.headers["x-slack-request-timestamp"],
    signature: request.headers["x-slack-signature"],
    nowMs: (deps.nowMs ?? Date.now)(),
  });
  if (!verified.ok) return reject(401, verified.reason);
  return undefined;
}

export function rejectBadBody(log: Logger, phase: string, reason: string): OutboundResponse {
  log.warn("request rejected", { phase, status: 400, reason });
  return textResponse(400, reason);
}
