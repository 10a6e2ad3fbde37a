// POST /slack/events, runtime-free: Slack's Events API. The request is checked as Slack's by the
// checks commands pass (checkSlackRequest: a JSON body here, the signature, the 5-minute window), the URL check is answered with its
// challenge, and each event runs its handler once: Slack resends an event it thinks was missed
// (X-Slack-Retry-Num), so the event_id is claimed first and a resend finds it taken. A handler
// that fails lets go of the claim and answers 500, so Slack's next retry does the work.
import { commandKey } from "../claims/claimStore.js";
import { withClaim } from "../claims/claim.js";
import { checkSlackRequest, rejectBadBody, type SigningSecret } from "../phase1/checkSlackRequest.js";
import { jsonResponse, textResponse, type InboundRequest, type OutboundResponse } from "../web/exchange.js";
import { readEventsBody, type EventsBody } from "./eventEnvelope.js";
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
  signingSecret: SigningSecret;
  nowMs?: () => number;
}

export async function handleSlackEvents(request: InboundRequest, deps: EventsRouteDeps): Promise<OutboundResponse> {
  const refused = await checkSlackRequest(request, deps, "events", textResponse(503, "try again"), {
    contentType: "application/json",
    maxBytes: MAX_EVENT_BODY_BYTES,
  });
  if (refused) return refused.response;
  const body = readEventsBody(Buffer.from(request.rawBody).toString("utf8"));
  if (body.kind === "malformed") return rejectBadBody(deps.log, "events", "not an Events API body");
  return answerEventsBody(body, request.headers["x-slack-retry-num"], deps);
}

/**
 * An Events API body Slack has vouched for (the signature above, or the socket of a Socket Mode
 * envelope): the URL check answered, the event's handler run once per event_id.
 */
export async function answerEventsBody(
  body: Exclude<EventsBody, { kind: "malformed" }>,
  retry: string | undefined,
  deps: EventDeps,
): Promise<OutboundResponse> {
  const { log } = deps;
  if (body.kind === "url_verification") return jsonResponse(200, { challenge: body.challenge });
  if (body.kind === "other") {
    log.info("event ignored", { phase: "events", event: body.type, outcome: "ignored" });
    return textResponse(200, "");
  }

  const { envelope } = body;
  const handler = EVENT_HANDLERS[envelope.event.type];
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
