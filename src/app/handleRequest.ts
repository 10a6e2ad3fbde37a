// The phase-1 half of the app core: one HTTP request in, one response out, for every route in the
// route table, with health, 404, 405 and 500 answered here once. Kept apart from the rest of the
// core (jobs, ticks) so a runtime that only receives (the Lambda receiver) bundles only this.
import { DEFAULT_PLACE } from "../config/registry.js";
import { describeFailure } from "../observe/describeFailure.js";
import { noMetrics } from "../observe/metrics.js";
import type { EventDeps } from "../events/eventHandler.js";
import type { AcknowledgeDeps } from "../phase1/acknowledge.js";
import type { AnswerDeps } from "../phase1/answerCommand.js";
import { textResponse, type InboundRequest, type OutboundResponse } from "../phase1/exchange.js";
import { systemClock, type AppPorts } from "./ports.js";
import { ROUTES, type RouteContext } from "./routes.js";

/** What answering a request needs of the runtime: no stores. */
export type RequestPorts = Pick<AppPorts, "env" | "secrets" | "handOff" | "log" | "metrics" | "clock">;

/** What the full app adds to the request path (the Lambda receiver, which keeps no stores, has none). */
export interface RequestExtras {
  /** Modals' submissions and options, Home clicks and shortcuts; absent where the Home is not set up. */
  answerView?: AnswerDeps["answerView"];
  /** Whether Home jobs (`/foodtrucks settings`) may be handed off. */
  homeOn?: boolean;
  /** The Events API's dependencies; without them POST /slack/events is not served here. */
  events?: EventDeps;
}

export interface RequestContext {
  /** Epoch ms by which the secret read and hand-off must be done (Lambda's share of Slack's 3 s). */
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
        const route = routes.find((candidate) => candidate.method === request.method);
        if (!route) {
          const allow = routes.map((candidate) => candidate.method).join(", ");
          return textResponse(405, "method not allowed", { allow });
        }
        const routeContext: RouteContext = { deps: depsFor(context.deadlineMs), ports, env, events: extras.events };
        return await route.handle(request, routeContext);
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
        events: extras.events,
      });
    },
  };
}
