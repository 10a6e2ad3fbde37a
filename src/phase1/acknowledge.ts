// Phase 1: within Slack's 3 seconds, check the request is Slack's, understand it, hand the work to
// phase 2 and say "looking…". No network I/O here other than the hand-off itself (and, where the
// runtime keeps it elsewhere, reading the signing secret).
import { randomUUID } from "node:crypto";
import type { Logger } from "../observe/log.js";
import { noMetrics, type Metrics } from "../observe/metrics.js";
import { interpretCommandText } from "./commandText.js";
import { handOffFailedMessage, helpMessage, lookingMessage, tryAgainMessage } from "../messages/messages.js";
import { parseSlashCommand } from "../slack/slashCommand.js";
import { checkSlackRequest, rejectBadBody, type SigningSecret } from "./checkSlackRequest.js";
import { jsonResponse, type InboundRequest, type OutboundResponse } from "./exchange.js";
import { OutOfTime } from "./outOfTime.js";
import { recordRequest, type RequestOutcome } from "./requestMetrics.js";
import type { Asker, HandOff, WorkRequest } from "../phase2/job.js";

export interface AcknowledgeDeps {
  /** Fetched only for a request that passed every check needing no secret. */
  signingSecret: SigningSecret;
  handOff: HandOff;
  log: Logger;
  /** Requests by route and outcome, and ack time; nothing by default. */
  metrics?: Metrics | undefined;
  /** Used for `/foodtrucks` with no text; without it the user gets a menu of today's places. */
  defaultPlace?: string | undefined;
  nowMs?: () => number;
}

export async function acknowledge(request: InboundRequest, deps: AcknowledgeDeps): Promise<OutboundResponse> {
  const nowMs = deps.nowMs ?? Date.now;
  const started = performance.now();
  const answer = (outcome: RequestOutcome, response: OutboundResponse) => {
    recordRequest(deps.metrics ?? noMetrics, "command", outcome, elapsed(started));
    return response;
  };
  const refused = await checkSlackRequest(request, deps, "acknowledge", jsonResponse(200, tryAgainMessage()));
  if (refused) return answer(refused.outcome, refused.response);

  const parsed = parseSlashCommand(request.rawBody.toString("utf8"));
  if (!parsed.ok) return answer("rejected", rejectBadBody(deps.log, "acknowledge", parsed.reason));
  const { command } = parsed;

  const asked = interpretCommandText(command.text);
  const logFields = { phase: "acknowledge", team: command.teamId, command: command.command };
  if (asked.kind === "help") {
    deps.log.info("answered", { ...logFields, outcome: "help", ms: elapsed(started) });
    return answer("help", jsonResponse(200, helpMessage(command.command)));
  }

  const work: WorkRequest =
    asked.kind === "default" && deps.defaultPlace ? { kind: "places", query: deps.defaultPlace } : asked;
  const requestId = randomUUID();
  const place = work.kind === "places" ? work.query : work.kind;
  const asker: Asker = {
    command: command.command,
    responseUrl: command.responseUrl,
    userId: command.userId,
    teamId: command.teamId,
  };
  try {
    await deps.handOff({ requestId, receivedAtMs: nowMs(), asker, request: work });
  } catch (error) {
    const outcome = error instanceof OutOfTime ? "try-again" : "hand-off-failed";
    deps.log.error("hand-off failed", {
      ...logFields,
      requestId,
      place,
      outcome,
      error: (error as Error).name,
      ms: elapsed(started),
    });
    return answer(outcome, jsonResponse(200, outcome === "try-again" ? tryAgainMessage() : handOffFailedMessage()));
  }
  deps.log.info("acknowledged", { ...logFields, requestId, place, outcome: "handed-off", ms: elapsed(started) });
  return answer("handed-off", jsonResponse(200, lookingMessage(work.kind === "places" ? work.query : "")));
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
