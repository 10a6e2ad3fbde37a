// The route table: every HTTP route the app serves, on every runtime, and — for Slack's requests —
// the Socket Mode envelope type that carries the same request without HTTP. A new route (a page,
// Slack's Events API) is a line here and a handler; no runtime changes.
import type { Env } from "../config/env.js";
import type { AcknowledgeDeps } from "../phase1/acknowledge.js";
import { acknowledge } from "../phase1/acknowledge.js";
import { acknowledgeInteraction } from "../phase1/acknowledgeInteraction.js";
import { OutOfTime } from "../phase1/outOfTime.js";
import { answerCommandEnvelope, answerInteractionEnvelope, type EnvelopeAnswer } from "../phase1/answerEnvelope.js";
import {
  handleInstallPage,
  handleOAuthRedirect,
  handlePrivacyPage,
  INSTALL_PATH,
  installOutOfTime,
  OAUTH_REDIRECT_PATH,
  PRIVACY_PATH,
} from "../install/installRoutes.js";
import { textResponse, type InboundRequest, type OutboundResponse } from "../web/exchange.js";
import type { RequestPorts } from "./handleRequest.js";
import type { Installs } from "./installs.js";
import { readEventsBody } from "../events/eventEnvelope.js";
import type { EventDeps } from "../events/eventHandler.js";
import { answerEventsBody, EVENTS_PATH, handleSlackEvents } from "../events/eventsRoute.js";

/** What a route's handler is given: phase 1's dependencies for this request, and the runtime's ports. */
export interface RouteContext {
  deps: AcknowledgeDeps;
  ports: RequestPorts;
  env: Env;
  /** "Add to Slack", when SLACK_CLIENT_ID is set. */
  installs: Installs | undefined;
  /** The Events API's dependencies, where the app serves it. */
  events?: EventDeps | undefined;
  /** Epoch ms by which this request's calls must be done, where the runtime bounds it (RequestContext). */
  deadlineMs?: number | undefined;
}

/** A GET route answers HEAD too, without the body (handleRequest.ts). */
export interface Route {
  method: "GET" | "POST";
  path: string;
  handle(request: InboundRequest, context: RouteContext): Promise<OutboundResponse>;
  /** Slack's requests only: the Socket Mode envelope type that carries this route's payload. */
  envelope?: {
    type: string;
    answer: (...args: [...Parameters<EnvelopeAnswer>, context: RouteContext]) => Promise<unknown>;
  };
}

export const HEALTH_PATH = "/healthz";
export const COMMANDS_PATH = "/slack/commands";
export const INTERACTIONS_PATH = "/slack/interactions";

/** An install route: not found unless installs are set up here; "try again" when its time ran out first. */
const whenInstalling =
  (handle: typeof handleInstallPage): Route["handle"] =>
  async (request, { installs, deadlineMs }) => {
    if (!installs) return textResponse(404, "not found");
    let deps;
    try {
      deps = await installs.routeDeps(deadlineMs);
    } catch (error) {
      if (error instanceof OutOfTime) return installOutOfTime();
      throw error;
    }
    return handle(request, deps);
  };

export const ROUTES: readonly Route[] = [
  { method: "GET", path: HEALTH_PATH, handle: async () => textResponse(200, "ok") },
  { method: "GET", path: "/", handle: whenInstalling(handleInstallPage) },
  { method: "GET", path: INSTALL_PATH, handle: whenInstalling(handleInstallPage) },
  { method: "GET", path: OAUTH_REDIRECT_PATH, handle: whenInstalling(handleOAuthRedirect) },
  { method: "GET", path: PRIVACY_PATH, handle: async (request) => handlePrivacyPage(request) },
  {
    method: "POST",
    path: COMMANDS_PATH,
    handle: (request, { deps }) => acknowledge(request, deps),
    envelope: { type: "slash_commands", answer: answerCommandEnvelope },
  },
  {
    method: "POST",
    path: INTERACTIONS_PATH,
    handle: (request, { deps }) => acknowledgeInteraction(request, deps),
    envelope: { type: "interactive", answer: answerInteractionEnvelope },
  },
  {
    method: "POST",
    path: EVENTS_PATH,
    handle: (request, { deps, events }) =>
      events ? handleSlackEvents(request, { ...events, signingSecret: deps.signingSecret }) : eventsOff(),
    envelope: {
      type: "events_api",
      answer: (payload, _deps, _id, { events }) => answerEventsEnvelope(payload, events),
    },
  },
];

/** A handler built without the Events API's dependencies (createRequestHandler alone): Slack is told to come back later. */
async function eventsOff(): Promise<OutboundResponse> {
  return textResponse(503, "events are not served here");
}

/** An event over Socket Mode: the socket vouched for it; the ack carries nothing. */
async function answerEventsEnvelope(payload: unknown, events: EventDeps | undefined): Promise<undefined> {
  if (!events) return undefined;
  const body = readEventsBody(JSON.stringify(payload ?? null));
  if (body.kind !== "malformed") await answerEventsBody(body, undefined, events);
  return undefined;
}
