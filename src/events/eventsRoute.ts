// POST /slack/events, runtime-free: Slack's Events API. The request is checked as Slack's (JSON
// body, signature over the raw bytes, the 5-minute window), the URL check is answered with its
// challenge, and each event runs its handler once: Slack resends an event it thinks was missed
// (X-Slack-Retry-Num), so the event_id is claimed first and a resend finds it taken. A handler
// that fails lets go of the claim and answers 500, so Slack's next retry does the work.
import { commandKey } from "../claims/claimStore.js";
import { withClaim } from "../claims/claim.js";
import { checkSignatureHeaders, verifySlackSignature } from "../slack/verifySignature.js";
import { jsonResponse, textResponse, type WebRequest, type WebResponse } from "../web/exchange.js";
import { readEventsBody } from "./eventEnvelope.js";
import type { EventDeps } from "./eventHandler.js";
import { EVENT_HANDLERS } from "./eventHandlers.js";
import { describeFailure } from "../observe/describeFailure.js";

export const EVENTS_PATH = "/slack/events";

/** Event bodies are a few KB; past this it is not Slack. */
export const MAX_EVENT_BODY_BYTES = 64 * 1024;

/** Slack retries an event three times within about an hour; a day covers them with room. */
const HANDLED_SECONDS = 24 * 60 * 60;
/** Slack wants the answer within 3 s: a handler's claim lasts that attempt. */
const ATTEMPT_DEADLINE_MS = 3_000;

export interface EventsRouteDeps extends EventDeps {
  /** The signing secret, or how to fetch it (fetched only for a request that could be Slack's). */
  signingSecret: string | (() => Promise<string>);
  nowMs?: () => number;
}

export async function handleSlackEvents(request: WebRequest, deps: EventsRouteDeps): Promise<WebResponse> {
  const { log } = deps;
  const nowMs = (deps.nowMs ?? Date.now)();
  const reject = (status: number, reason: string, headers?: Record<string, string>) => {
    log.warn("request rejected", { phase: "events", status, reason });
    return textResponse(status, reason, headers);
  };
  if (request.method !== "POST") return reject(405, "method not allowed", { allow: "POST" });
  if (request.rawBody.length > MAX_EVENT_BODY_BYTES) return reject(413, "body too large");
  if (!(request.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
    return reject(415, "expected application/json");
  }
  const timestamp = request.headers["x-slack-request-timestamp"];
  const signature = request.headers["x-slack-signature"];
  const headers = checkSignatureHeaders({ timestamp, signature, nowMs });
  if (!headers.ok) return reject(401, headers.reason);
  let signingSecret: string;
  try {
    signingSecret = typeof deps.signingSecret === "string" ? deps.signingSecret : await deps.signingSecret();
  } catch (error) {
    log.error("signing secret unavailable", { phase: "events", error: describeFailure(error).error });
    return textResponse(503, "slacktrux is not configured yet");
  }
  const verified = verifySlackSignature({ signingSecret, rawBody: request.rawBody, timestamp, signature, nowMs });
  if (!verified.ok) return reject(401, verified.reason);

  const body = readEventsBody(Buffer.from(request.rawBody).toString("utf8"));
  if (body.kind === "malformed") return reject(400, "not an Events API body");
  if (body.kind === "url_verification") return jsonResponse(200, { challenge: body.challenge });
  if (body.kind === "other") {
    log.info("event ignored", { phase: "events", event: body.type, outcome: "ignored" });
    return textResponse(200, "");
  }

  const { envelope } = body;
  const handler = EVENT_HANDLERS[envelope.event.type];
  const retry = request.headers["x-slack-retry-num"];
  if (!handler) {
    log.info("event ignored", { phase: "events", event: envelope.event.type, outcome: "ignored" });
    return textResponse(200, "");
  }
  try {
    const outcome = await withClaim(
      deps.claims,
      commandKey(`event:${envelope.eventId}`),
      ATTEMPT_DEADLINE_MS,
      async (claim) => {
        await handler(envelope, deps);
        await claim.hold(HANDLED_SECONDS);
      },
    );
    if (outcome === "duplicate") {
      log.info("event already handled", { phase: "events", event: envelope.event.type, retry, outcome: "duplicate" });
    }
    return textResponse(200, "");
  } catch (error) {
    log.error("event failed", {
      phase: "events",
      event: envelope.event.type,
      retry,
      outcome: "failed",
      ...describeFailure(error),
    });
    return textResponse(500, "try again");
  }
}
