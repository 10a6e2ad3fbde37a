// The checks every request from Slack passes before its body is even parsed: method, size,
// content type and signature. Commands, interactions and the Events API share them. Everything that can be
// checked without the signing secret is checked first: where the secret costs a call to fetch
// (SSM, on Lambda), a request that cannot be Slack's never costs that call.
import type { Logger } from "../observe/log.js";
import { checkSignatureHeaders, verifySlackSignature } from "../slack/verifySignature.js";
import { textResponse, type InboundRequest, type OutboundResponse } from "../web/exchange.js";
import { OutOfTime } from "./outOfTime.js";
import type { RequestOutcome } from "./requestMetrics.js";

/** Slack's bodies are a few KB at most; anything near this is not Slack. */
export const MAX_BODY_BYTES = 32 * 1024;

/** The secret itself, or a way to fetch it that may fail (and fails with OutOfTime when time ran out). */
export type SigningSecret = string | (() => Promise<string>);

export interface CheckDeps {
  signingSecret: SigningSecret;
  log: Logger;
  nowMs?: () => number;
}

/** What a route's bodies are: commands and interactions are forms; the Events API sends JSON. */
export interface BodyRule {
  contentType: string;
  maxBytes: number;
}

const FORM_BODY: BodyRule = { contentType: "application/x-www-form-urlencoded", maxBytes: MAX_BODY_BYTES };

/** Why a request goes no further, and what it is answered. */
export interface Refusal {
  outcome: RequestOutcome;
  response: OutboundResponse;
}

/**
 * A refusal, or undefined when the request is Slack's and may be parsed. `tryAgain` is the answer
 * when the secret could not be fetched in time: each route words that its own way.
 */
export async function checkSlackRequest(
  request: Pick<InboundRequest, "method" | "headers"> & { rawBody: Uint8Array },
  deps: CheckDeps,
  phase: string,
  tryAgain: OutboundResponse,
  body: BodyRule = FORM_BODY,
): Promise<Refusal | undefined> {
  const nowMs = (deps.nowMs ?? Date.now)();
  const reject = (status: number, reason: string, headers?: Record<string, string>): Refusal => {
    deps.log.warn("request rejected", { phase, status, reason });
    return { outcome: "rejected", response: textResponse(status, reason, headers) };
  };
  if (request.method !== "POST") return reject(405, "method not allowed", { allow: "POST" });
  if (request.rawBody.length > body.maxBytes) return reject(413, "body too large");
  const contentType = (request.headers["content-type"] ?? "").toLowerCase();
  if (!contentType.startsWith(body.contentType)) return reject(415, `expected ${body.contentType}`);
  const timestamp = request.headers["x-slack-request-timestamp"];
  const signature = request.headers["x-slack-signature"];
  const headers = checkSignatureHeaders({ timestamp, signature, nowMs });
  if (!headers.ok) return reject(401, headers.reason);

  let signingSecret: string;
  try {
    signingSecret = typeof deps.signingSecret === "string" ? deps.signingSecret : await deps.signingSecret();
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    if (error instanceof OutOfTime) {
      deps.log.warn("signing secret not read in time", { phase, outcome: "try-again", error: name, reason: message });
      return { outcome: "try-again", response: tryAgain };
    }
    // Not the caller's fault, so not a 4xx: the deployment is missing its secret. 503 tells Slack
    // the app is unavailable; the log says why.
    deps.log.error("signing secret unavailable", { phase, outcome: "hand-off-failed", error: name, reason: message });
    return { outcome: "hand-off-failed", response: textResponse(503, "slacktrux is not configured yet") };
  }
  const verified = verifySlackSignature({ signingSecret, rawBody: request.rawBody, timestamp, signature, nowMs });
  if (!verified.ok) return reject(401, verified.reason);
  return undefined;
}

export function rejectBadBody(log: Logger, phase: string, reason: string): OutboundResponse {
  log.warn("request rejected", { phase, status: 400, reason });
  return textResponse(400, reason);
}
