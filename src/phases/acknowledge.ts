// Phase 1: within Slack's 3 seconds, check the request is Slack's, understand it, hand the work to
// phase 2 and say "looking…". No network I/O here other than the hand-off itself.
import { randomUUID } from "node:crypto";
import type { Logger } from "../log.js";
import { interpretCommandText, type CommandRequest } from "../slack/commandText.js";
import { helpMessage, lookingMessage, problemMessage } from "../slack/messages.js";
import { parseSlashCommand } from "../slack/slashCommand.js";
import { verifySlackSignature } from "../slack/verifySignature.js";
import { jsonResponse, textResponse, type InboundRequest, type OutboundResponse } from "./exchange.js";
import type { HandOff } from "./handOff.js";

/** Slash command bodies are a few hundred bytes; anything near this is not Slack. */
export const MAX_BODY_BYTES = 32 * 1024;

export interface AcknowledgeDeps {
  signingSecret: string;
  handOff: HandOff;
  log: Logger;
  /** Used for `/foodtrucks` with no text; without it that lists the places. */
  defaultPlace?: string;
  nowMs?: () => number;
}

export async function acknowledge(request: InboundRequest, deps: AcknowledgeDeps): Promise<OutboundResponse> {
  const nowMs = deps.nowMs ?? Date.now;
  const started = performance.now();
  const reject = (status: number, reason: string, headers?: Record<string, string>) => {
    deps.log.warn("request rejected", { phase: "acknowledge", status, reason });
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
    nowMs: nowMs(),
  });
  if (!verified.ok) return reject(401, verified.reason);

  const parsed = parseSlashCommand(request.rawBody.toString("utf8"));
  if (!parsed.ok) return reject(400, parsed.reason);
  const { command } = parsed;

  const asked = interpretCommandText(command.text);
  const logFields = { phase: "acknowledge", team: command.teamId, command: command.command };
  if (asked.kind === "help") {
    deps.log.info("answered", { ...logFields, outcome: "help", ms: elapsed(started) });
    return jsonResponse(200, helpMessage(command.command));
  }

  const work: CommandRequest =
    asked.kind === "default" && deps.defaultPlace ? { kind: "places", query: deps.defaultPlace } : asked;
  const requestId = randomUUID();
  const place = work.kind === "places" ? work.query : work.kind;
  try {
    await deps.handOff({ requestId, receivedAtMs: nowMs(), command, request: work });
  } catch (error) {
    deps.log.error("hand-off failed", { ...logFields, requestId, place, outcome: "hand-off-failed", error: (error as Error).name, ms: elapsed(started) });
    return jsonResponse(200, problemMessage("Sorry, I couldn't start looking just now. Please try again in a moment."));
  }
  deps.log.info("acknowledged", { ...logFields, requestId, place, outcome: "handed-off", ms: elapsed(started) });
  return jsonResponse(200, lookingMessage(work.kind === "places" ? work.query : ""));
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
