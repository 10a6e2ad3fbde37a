// Phase 1's answer to a slash command Slack has already vouched for (a verified signature over
// HTTP, the authenticated socket in Socket Mode): help at once, or hand the lookup to phase 2 and
// say "looking…". No network I/O here other than the hand-off itself.
import { randomUUID } from "node:crypto";
import type { Logger } from "../observe/log.js";
import { interpretCommandText } from "./commandText.js";
import { handOffFailedMessage, helpMessage, lookingMessage, tryAgainMessage } from "../messages/messages.js";
import type { SlackMessage } from "../slack/blockKit.js";
import type { SlashCommand } from "../slack/slashCommand.js";
import type { HomeJob } from "../phase2/homeJob.js";
import { oneMomentMessage, subscriptionUsageMessage } from "../messages/subscriptionMessages.js";
import { isSubscriptionRequest, type Asker, type HandOff, type WorkRequest } from "../phase2/job.js";
import { OutOfTime } from "./outOfTime.js";
import type { RequestOutcome } from "./requestMetrics.js";
import { describeFailure } from "../observe/describeFailure.js";

/** What answering needs, whichever way the request arrived. */
export interface AnswerDeps {
  handOff: HandOff;
  log: Logger;
  /** Used for `/foodtrucks` with no text; without it the user gets a menu of today's places. */
  defaultPlace?: string | undefined;
  nowMs?: () => number;
  /** Hands off the Home's and the modals' work; absent where they are not set up (no store or bot token). */
  handOffHome?: ((job: HomeJob) => Promise<void>) | undefined;
  /** Answers an interaction from a view (a modal, its options, a Home click, a shortcut); absent likewise. */
  answerView?: ((payload: unknown) => Promise<ViewAnswer>) | undefined;
}

/** A view interaction's answer: how it ended, and the body Slack reads (errors, options), if any. */
export interface ViewAnswer {
  outcome: RequestOutcome;
  body?: unknown;
}

/** The answer Slack shows the user at once, and how the request ended (for metrics). */
export interface CommandAnswer {
  outcome: RequestOutcome;
  /** HTTP: the response body; Socket Mode: the ack's payload. */
  message: SlackMessage;
}

export async function answerCommand(command: SlashCommand, deps: AnswerDeps): Promise<CommandAnswer> {
  const nowMs = deps.nowMs ?? Date.now;
  const started = performance.now();
  const asked = interpretCommandText(command.text);
  const logFields = { phase: "acknowledge", team: command.teamId, command: command.command };
  if (asked.kind === "help") {
    deps.log.info("answered", { ...logFields, outcome: "help", ms: elapsed(started) });
    return { outcome: "help", message: helpMessage(command.command) };
  }

  if (asked.kind === "usage") {
    deps.log.info("answered", { ...logFields, outcome: "usage", ms: elapsed(started) });
    return { outcome: "usage", message: subscriptionUsageMessage(asked.problem, command.command) };
  }

  if (asked.kind === "settings") return openSettingsLater(command, deps, logFields);

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
    // OutOfTime: the hand-off ran out of phase 1's time budget (Lambda), and may yet succeed.
    const outcome = error instanceof OutOfTime ? "try-again" : "hand-off-failed";
    deps.log.error("hand-off failed", {
      ...logFields,
      requestId,
      place,
      outcome,
      error: describeFailure(error).error,
      ms: elapsed(started),
    });
    return { outcome, message: outcome === "try-again" ? tryAgainMessage() : handOffFailedMessage() };
  }
  deps.log.info("acknowledged", { ...logFields, requestId, place, outcome: "handed-off", ms: elapsed(started) });
  const message = isSubscriptionRequest(work)
    ? oneMomentMessage()
    : lookingMessage(work.kind === "places" ? work.query : "");
  return { outcome: "handed-off", message };
}

/** `/foodtrucks settings`: the modal opens from a job, with the command's trigger_id (it lasts 3 s). */
async function openSettingsLater(
  command: SlashCommand,
  deps: AnswerDeps,
  logFields: Record<string, string>,
): Promise<CommandAnswer> {
  if (!deps.handOffHome) {
    deps.log.info("answered", { ...logFields, outcome: "usage" });
    const problem = "Settings need the app's bot token and a store: ask whoever runs slacktrux to set them up.";
    return { outcome: "usage", message: subscriptionUsageMessage(problem, command.command) };
  }
  const job: HomeJob = {
    kind: "home",
    teamId: command.teamId,
    userId: command.userId,
    task: {
      type: "settings",
      triggerId: command.triggerId,
      ...(command.channelId ? { channelId: command.channelId } : {}),
    },
  };
  try {
    await deps.handOffHome(job);
  } catch (error) {
    const outcome = error instanceof OutOfTime ? "try-again" : "hand-off-failed";
    deps.log.error("hand-off failed", { ...logFields, outcome, error: (error as Error).name });
    return { outcome, message: outcome === "try-again" ? tryAgainMessage() : handOffFailedMessage() };
  }
  deps.log.info("acknowledged", { ...logFields, outcome: "handed-off", task: "settings" });
  return { outcome: "handed-off", message: oneMomentMessage() };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
