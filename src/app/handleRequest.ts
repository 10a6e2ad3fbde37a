// The phase-1 half of the app core: one HTTP request in, one response out, for every route in the
// route table, with health, 404, 405 and 500 answered here once. Kept apart from the rest of the
// core (jobs, ticks) so a runtime that only receives (the Lambda receiver) bundles only this.
import { DEFAULT_PLACE } from "../config/registry.js";
import { describeFailure } from "../observe/describeFailure.js";
import { noMetrics } from "../observe/metrics.js";
import type { EventDeps } from "../events/eventHandler.js";
import type { AcknowledgeDeps } from "../phase1/acknowledge.js";
import type { AnswerDeps } from "../phase1/answerCommand.js";
import { textResponse, type InboundRequest, type OutboundResponse } from "../web/exchange.js";
import { readInstalls, type Installs } from "./installs.js";
import { systemClock, type AppPorts } from "./ports.js";
import { ROUTES, type RouteContext } from "./routes.js";

/** What answering a request needs of the runtime: stores only for "Add to Slack" (installs.ts). */
export type RequestPorts = Pick<AppPorts, "env" | "secrets" | "handOff" | "log" | "metrics" | "clock"> &
  Partial<Pick<AppPorts, "claims" | "installations" | "http">>;

/** What the request side adds to phase 1 (requestSide.ts wires it from the ports). */
export interface RequestExtras {
  /** Modals' submissions and options, Home clicks and shortcuts; absent where the Home is not set up. */
  answerView?: AnswerDeps["answerView"];
  /** Whether Home jobs (`/foodtrucks settings`) may be handed off. */
  homeOn?: boolean;
  /** The Events API's dependencies; without them POST /slack/events is not served here. */
  events?: EventDeps;
  /** "Add to Slack", when the caller has read it already. */
  installs?: Installs | undefined;
}

export interface RequestContext {
  /**
   * Epoch ms by which the request's calls must be done (Lambda's share of Slack's 3 s): the secret
   * read, the hand-off, and an install callback's oauth.v2.access.
   */
  deadlineMs?: number;
}

export interface RequestHandler {
  /** Any request: never throws (a bug is logged and answered 500). */
  handle(request: InboundRequest, context?: RequestContext): Promise<OutboundResponse>;
  /**
   * A request Slack sent already authenticated, as a Socket Mode envelope of `type`: the ack's
   * payload, or undefined for an empty ack (a type the app has no route for included).
   */
  answerEnvelope(type: string, payload: unknown, envelopeId: string): Promise<unknown>;
}

export function createRequestHandler(ports: RequestPorts, extras: RequestExtras = {}): RequestHandler {
  // "Add to Slack": read from `ports` unless the caller (createApp) already has.
  const installs = "installs" in extras ? extras.installs : readInstalls(ports);
  const { log, env } = ports;
  const clock = ports.clock ?? systemClock;
  const defaultPlace = DEFAULT_PLACE.read(env);
  const depsFor = (deadlineMs?: number): AcknowledgeDeps => ({
    signingSecret: () => ports.secrets.read("SLACK_SIGNING_SECRET", deadlineMs),
    handOff: (job) => ports.handOff(job, deadlineMs),
    log,
    metrics: ports.metrics ?? noMetrics,
    defaultPlace,
    nowMs: () => clock.nowMs(),
    answerView: extras.answerView,
    handOffHome: extras.homeOn ? (job) => ports.handOff(job, deadlineMs) : undefined,
  });

  return {
    async handle(request, context = {}) {
      try {
        const routes = ROUTES.filter((route) => route.path === request.path);
        if (routes.length === 0) return textResponse(404, "not found");
        const head = request.method === "HEAD";
        const route = routes.find((candidate) => candidate.method === (head ? "GET" : request.method));
        if (!route) {
          const methods = routes.flatMap((candidate) =>
            candidate.method === "GET" ? ["GET", "HEAD"] : [candidate.method],
          );
          return textResponse(405, "method not allowed", { allow: methods.join(", ") });
        }
        const routeContext: RouteContext = {
          deps: depsFor(context.deadlineMs),
          ports,
          env,
          installs,
          events: extras.events,
          deadlineMs: context.deadlineMs,
        };
        const response = await route.handle(request, routeContext);
        // HEAD: a GET's status and headers, no body.
        return head ? { ...response, body: "" } : response;
      } catch (error) {
        // Never a 5xx from a bad request (the routes answer those); this is a bug, logged as one.
        log.error("request handler failed", { phase: "acknowledge", ...describeFailure(error) });
        return textResponse(500, "internal error");
      }
    },

    async answerEnvelope(type, payload, envelopeId) {
      const route = ROUTES.find((candidate) => candidate.envelope?.type === type);
      if (!route?.envelope) {
        log.warn("envelope ignored", { phase: "acknowledge", type: type.slice(0, 40), envelopeId });
        return undefined;
      }
      return route.envelope.answer(payload, depsFor(), envelopeId, {
        deps: depsFor(),
        ports,
        env,
        installs,
        events: extras.events,
      });
    },
  };
}
