// Phase 1's answer to a slash command Slack has already vouched for (a verified signature over
// HTTP, the authenticated socket in Socket Mode): help at once, or hand the lookup to phase 2 and
// say "looking…". No network I/O here other than the hand-off itself.
import { randomUUID } from "node:crypto";
import type { Logger } from "../observe/log.js";
import { interpretCommandText } from "./commandText.js";
import { handOffFailedMessage, helpMessage, lookingMessage } from "../messages/messages.js";
import type { SlackMessage } from "../slack/blockKit.js";
import type { SlashCommand } from "../slack/slashCommand.js";
import { oneMomentMessage, subscriptionUsageMessage } from "../messages/subscriptionMessages.js";
import { isSubscriptionRequest, type Asker, type HandOff, type WorkRequest } from "../phase2/job.js";

/** What answering needs, whichever way the request arrived. */
export interface AnswerDeps {
  handOff: HandOff;
  log: Logger;
  /** Used for `/foodtrucks` with no text; without it the user gets a menu of today's places. */
  defaultPlace?: string | undefined;
  nowMs?: () => number;
}

/** The message Slack shows the user at once (HTTP: the response body; Socket Mode: the ack's payload). */
export async function answerCommand(command: SlashCommand, deps: AnswerDeps): Promise<SlackMessage> {
  const nowMs = deps.nowMs ?? Date.now;
  const started = performance.now();
  const asked = interpretCommandText(command.text);
  const logFields = { phase: "acknowledge", team: command.teamId, command: command.command };
  if (asked.kind === "help") {
    deps.log.info("answered", { ...logFields, outcome: "help", ms: elapsed(started) });
    return helpMessage(command.command);
  }

  if (asked.kind === "usage") {
    deps.log.info("answered", { ...logFields, outcome: "usage", ms: elapsed(started) });
    return subscriptionUsageMessage(asked.problem, command.command);
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
    return handOffFailedMessage();
  }
  deps.log.info("acknowledged", { ...logFields, requestId, place, outcome: "handed-off", ms: elapsed(started) });
  if (isSubscriptionRequest(work)) return oneMomentMessage();
  return lookingMessage(work.kind === "places" ? work.query : "");
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
