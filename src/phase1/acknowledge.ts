// Phase 1: within Slack's 3 seconds, check the request is Slack's, understand it, hand the work to
// phase 2 and say "looking…". No network I/O here other than the hand-off itself.
import { randomUUID } from "node:crypto";
import type { Logger } from "../observe/log.js";
import { interpretCommandText } from "./commandText.js";
import { handOffFailedMessage, helpMessage, lookingMessage } from "../messages/messages.js";
import { oneMomentMessage, subscriptionUsageMessage } from "../messages/subscriptionMessages.js";
import { parseSlashCommand } from "../slack/slashCommand.js";
import { checkSlackRequest, rejectBadBody } from "./checkSlackRequest.js";
import { jsonResponse, type InboundRequest, type OutboundResponse } from "./exchange.js";
import { isSubscriptionRequest, type Asker, type HandOff, type WorkRequest } from "../phase2/job.js";

export interface AcknowledgeDeps {
  signingSecret: string;
  handOff: HandOff;
  log: Logger;
  /** Used for `/foodtrucks` with no text; without it the user gets a menu of today's places. */
  defaultPlace?: string | undefined;
  nowMs?: () => number;
}

export async function acknowledge(request: InboundRequest, deps: AcknowledgeDeps): Promise<OutboundResponse> {
  const nowMs = deps.nowMs ?? Date.now;
  const started = performance.now();
  const refused = checkSlackRequest(request, deps, "acknowledge");
  if (refused) return refused;

  const parsed = parseSlashCommand(request.rawBody.toString("utf8"));
  if (!parsed.ok) return rejectBadBody(deps.log, "acknowledge", parsed.reason);
  const { command } = parsed;

  const asked = interpretCommandText(command.text);
  const logFields = { phase: "acknowledge", team: command.teamId, command: command.command };
  if (asked.kind === "help") {
    deps.log.info("answered", { ...logFields, outcome: "help", ms: elapsed(started) });
    return jsonResponse(200, helpMessage(command.command));
  }

  if (asked.kind === "usage") {
    deps.log.info("answered", { ...logFields, outcome: "usage", ms: elapsed(started) });
    return jsonResponse(200, subscriptionUsageMessage(asked.problem, command.command));
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
    ...(command.channelId ? { channelId: command.channelId } : {}),
  };
  try {
    await deps.handOff({ requestId, receivedAtMs: nowMs(), asker, request: work });
  } catch (error) {
    deps.log.error("hand-off failed", {
      ...logFields,
      requestId,
      place,
      outcome: "hand-off-failed",
      error: (error as Error).name,
      ms: elapsed(started),
    });
    return jsonResponse(200, handOffFailedMessage());
  }
  deps.log.info("acknowledged", { ...logFields, requestId, place, outcome: "handed-off", ms: elapsed(started) });
  if (isSubscriptionRequest(work)) return jsonResponse(200, oneMomentMessage());
  return jsonResponse(200, lookingMessage(work.kind === "places" ? work.query : ""));
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
